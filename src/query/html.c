/* html: one self-contained page (gotypedb/query.h).  Its style and its one
 * script are inline; its Content-Security-Policy forbids every fetch, so
 * the page shows the same with the network down and cannot be made to
 * load anything by what a cell holds.  Each result is a table whose
 * header sorts it by a column when clicked (the script below), in the
 * order SQLite's ORDER BY uses across types: NULL, numbers, text, BLOBs.
 * Cells are escaped as the table format escapes them (control bytes and
 * bytes that are not UTF-8 as \n, \x1b, \xff), then as HTML text. */
#include <string.h>

#include "format.h"
#include "gotypedb/query.h"

void html_put_escaped(struct gtd_strbuf *b, const unsigned char *p, size_t n, struct gtd_strbuf *scratch)
{
	gtd_strbuf_reset(scratch);
	value_put_escaped(scratch, p, n);
	for (size_t i = 0; i < scratch->n; i++) {
		switch (scratch->p[i]) {
		case '&': gtd_strbuf_puts(b, "&amp;"); break;
		case '<': gtd_strbuf_puts(b, "&lt;"); break;
		case '>': gtd_strbuf_puts(b, "&gt;"); break;
		case '"': gtd_strbuf_puts(b, "&quot;"); break;
		case '\'': gtd_strbuf_puts(b, "&#39;"); break;
		default: gtd_strbuf_putc(b, scratch->p[i]);
		}
	}
}

void gtd_html_put_text(FILE *out, const char *s)
{
	struct gtd_strbuf b = { 0 }, scratch = { 0 };

	html_put_escaped(&b, (const unsigned char *)s, strlen(s), &scratch);
	if (b.p)
		fwrite(b.p, 1, b.n, out);
	gtd_strbuf_free(&b);
	gtd_strbuf_free(&scratch);
}

static const char style[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1f24;background:#fff}"
	"h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}"
	"table.rows{border-collapse:collapse;margin:.5em 0}"
	"table.rows th,table.rows td{border:1px solid #d0d7de;padding:2px 8px;text-align:left;"
	"white-space:pre;max-width:60em;overflow:hidden;text-overflow:ellipsis}"
	"table.rows th{background:#f3f5f7;cursor:pointer;user-select:none}"
	"table.rows th[aria-sort=ascending]::after{content:' \\25B2'}"
	"table.rows th[aria-sort=descending]::after{content:' \\25BC'}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}td.null{background:#fafafa}"
	"pre.sql{background:#f6f8fa;padding:.5em;white-space:pre-wrap}"
	"p.warn{color:#7d4e00}p.error{color:#b00020;font-weight:bold}"
	"svg.chart{display:block;margin:.5em 0;background:#fafbfc}"
	"svg.chart text{font:11px system-ui,sans-serif;fill:#1b1f24;pointer-events:none}"
	"svg.chart rect{stroke:#fff;stroke-width:1}";

/* Sorting by a header: each cell's key is [rank, value] with rank 0 NULL,
 * 1 number, 2 text, 3 BLOB; a second click reverses. */
static const char script[] =
	"(function(){"
	"function key(td){var c=td.className;"
	"if(c==='null')return[0,0];if(c==='n')return[1,Number(td.textContent)];"
	"return[c==='blob'?3:2,td.textContent];}"
	"function cmp(a,b){if(a[0]!==b[0])return a[0]-b[0];return a[1]<b[1]?-1:a[1]>b[1]?1:0;}"
	"function sort(t,i,th){var d=th.getAttribute('aria-sort')==='ascending'?-1:1,"
	"b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows);"
	"Array.prototype.forEach.call(th.parentNode.cells,function(h){h.removeAttribute('aria-sort');});"
	"th.setAttribute('aria-sort',d>0?'ascending':'descending');"
	"rows.sort(function(x,y){return d*cmp(key(x.cells[i]),key(y.cells[i]));});"
	"rows.forEach(function(r){b.appendChild(r);});}"
	"Array.prototype.forEach.call(document.querySelectorAll('table.rows'),function(t){"
	"Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){th.tabIndex=0;"
	"th.title='sort by '+th.textContent;"
	"th.addEventListener('click',function(){sort(t,i,th);});"
	"th.addEventListener('keydown',function(e){if(e.key==='Enter')sort(t,i,th);});});});"
	"})();";

void gtd_html_page_open(FILE *out, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
	      "<meta name=\"generator\" content=\"gotypedb\">\n<title>",
	      out);
	gtd_html_put_text(out, title);
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
	gtd_html_put_text(out, title);
	fputs("</h1>\n", out);
}

void gtd_html_page_close(FILE *out)
{
	fprintf(out, "<script>%s</script>\n</body>\n</html>\n", script);
}

static const char *cell_class(int type)
{
	switch (type) {
	case SQLITE_INTEGER:
	case SQLITE_FLOAT: return " class=\"n\"";
	case SQLITE_NULL: return " class=\"null\"";
	case SQLITE_BLOB: return " class=\"blob\"";
	default: return "";
	}
}

int print_html(sqlite3_stmt *s, FILE *out)
{
	struct gtd_strbuf line = { 0 }, scratch = { 0 }, hex = { 0 };
	int n = sqlite3_column_count(s), rc;

	gtd_strbuf_puts(&line, "<table class=\"rows\">\n<thead><tr>");
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(s, i);

		gtd_strbuf_puts(&line, "<th>");
		html_put_escaped(&line, (const unsigned char *)name, strlen(name), &scratch);
		gtd_strbuf_puts(&line, "</th>");
	}
	gtd_strbuf_puts(&line, "</tr></thead>\n<tbody>\n");
	for (rc = sqlite3_step(s); rc == SQLITE_ROW && !line.oom; rc = sqlite3_step(s)) {
		fwrite(line.p, 1, line.n, out);
		gtd_strbuf_reset(&line);
		gtd_strbuf_puts(&line, "<tr>");
		for (int i = 0; i < n; i++) {
			struct value v;

			value_get(s, i, &v);
			gtd_strbuf_puts(&line, "<td");
			gtd_strbuf_puts(&line, cell_class(v.type));
			gtd_strbuf_putc(&line, '>');
			if (v.type == SQLITE_BLOB) {
				gtd_strbuf_reset(&hex);
				value_put_hex(&hex, v.p, v.n);
				html_put_escaped(&line, (const unsigned char *)(hex.p ? hex.p : ""), hex.n,
						 &scratch);
			} else if (v.type != SQLITE_NULL) {
				html_put_escaped(&line, v.p, v.n, &scratch);
			}
			gtd_strbuf_puts(&line, "</td>");
		}
		gtd_strbuf_puts(&line, "</tr>\n");
	}
	gtd_strbuf_puts(&line, "</tbody>\n</table>\n");
	if (line.oom || scratch.oom || hex.oom)
		rc = SQLITE_NOMEM;
	else
		fwrite(line.p, 1, line.n, out);
	gtd_strbuf_free(&line);
	gtd_strbuf_free(&scratch);
	gtd_strbuf_free(&hex);
	return rc;
}

/* Decoding one Unified IR unit (an export-data blob) into records. */
#ifndef GOTYPEDB_UIR_H
#define GOTYPEDB_UIR_H

#include "gotypedb/exportdata.h"
#include "gotypedb/sink.h"

struct gtd_uir_options {
	/* Skip the fingerprint check: only for fuzzing the structural decoder,
	 * which a fingerprint mismatch would otherwise shadow. */
	int skip_fingerprint;
};

/* Decodes the raw layer of ed (format GTD_EXPORT_UNIFIED): header, every
 * section, string, element and reference.  Verifies the fingerprint first,
 * so nothing is emitted for altered data.  Errors name the location. */
int gtd_uir_decode_unit(const struct gtd_exportdata *ed, const struct gtd_uir_options *opt,
			const struct gtd_sink *sink, struct gtd_error *err);

#endif

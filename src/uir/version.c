/* Which pkgbits fields exist in which version: one table, as Go's
 * internal/pkgbits/version.go keeps it.  Adding V6 means a row change here
 * and the decoders that read its new fields, nothing else. */
#include "gotypedb/pkgbits.h"

#define NONE 0xff /* never removed */

static const struct {
	uint8_t introduced, removed;
} field_versions[GTD_NUM_FIELDS] = {
	[GTD_FIELD_FLAGS]                  = { 1, NONE },
	[GTD_FIELD_PKG_HEIGHT]             = { 0, 1 },
	[GTD_FIELD_HAS_INIT]               = { 0, 2 },
	[GTD_FIELD_DERIVED_FUNC_INSTANCE]  = { 0, 2 },
	[GTD_FIELD_DERIVED_INFO_NEEDED]    = { 0, 2 },
	[GTD_FIELD_ALIAS_TYPE_PARAM_NAMES] = { 2, NONE },
	[GTD_FIELD_COMPACT_COMP_LITERALS]  = { 3, NONE },
	[GTD_FIELD_GENERIC_METHODS]        = { 4, NONE },
	[GTD_FIELD_PRESERVE_METHOD_ORDER]  = { 5, NONE },
};

int gtd_uir_has(unsigned version, enum gtd_uir_field f)
{
	return version >= field_versions[f].introduced && version < field_versions[f].removed;
}

const char *gtd_section_name(unsigned section)
{
	static const char *const names[GTD_NUM_SECTIONS] = {
		"String", "Meta", "PosBase", "Pkg", "Name",
		"Type", "Obj", "ObjExt", "ObjDict", "Body",
	};
	return section < GTD_NUM_SECTIONS ? names[section] : "?";
}

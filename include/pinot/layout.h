/* Layouts (OpenVINO's ov::Layout): named dimensions such as "NCHW", "[N,?,C]"
 * or "N...C", as a plain value type with fixed-size storage: no allocation,
 * copy it with `=`. */
#ifndef PINOT_LAYOUT_H
#define PINOT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinot/shape.h"
#include "pinot/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits of the fixed storage (OpenVINO has none; parsing beyond them fails with
 * PINOT_STATUS_INVALID_ARGUMENT):
 * - at most PINOT_MAX_RANK dimensions before and after "..." together;
 * - a dimension name has at most PINOT_LAYOUT_MAX_NAME characters;
 * - all names together take at most PINOT_LAYOUT_NAMES_SIZE bytes, counting one
 *   terminating NUL per name (e.g. 4 one-letter names take 8 bytes). */
#define PINOT_LAYOUT_MAX_NAME 63
#define PINOT_LAYOUT_NAMES_SIZE 256

/* Enough for the to_string() of any layout: brackets, "...", names and commas. */
#define PINOT_LAYOUT_STRING_SIZE (PINOT_LAYOUT_NAMES_SIZE + 2 * PINOT_MAX_RANK + 8)

/*
 * A layout: n_left dimensions, then "..." (any number of dimensions) when
 * dynamic, then n_right dimensions. Names are stored upper-case, with OpenVINO's
 * aliases resolved (BATCH and B are N, CHANNELS/CHANNEL C, HEIGHT H, WIDTH W,
 * DEPTH D). Dimensions after "..." have negative indices (-n_right .. -1).
 * The empty layout ("" or "...") is dynamic with no named dimensions.
 * Fields are internal: use the functions below.
 */
typedef struct pinot_layout {
    uint8_t n_left;
    uint8_t n_right;
    bool dynamic;
    bool scalar;
    uint16_t names_used;                /* bytes of names in use */
    uint16_t name_at[PINOT_MAX_RANK];   /* per dimension (left, then right): 1 + offset in names, 0 for "?" */
    char names[PINOT_LAYOUT_NAMES_SIZE]; /* NUL-terminated names, back to back */
} pinot_layout;

/** @brief The empty layout, as Layout() and Layout("") ("[...]"). */
PINOT_API void pinot_layout_init(pinot_layout * layout);

/** @brief The scalar layout, as Layout.scalar() ("**SCALAR**"). */
PINOT_API void pinot_layout_scalar(pinot_layout * layout);

/**
 * @brief Parse a layout as OpenVINO does: "NCHW" (one letter per dimension,
 *        case-insensitive), "[n,c,h,w]" and "[time,temperature]" (comma-separated
 *        names), "?" for an unnamed dimension ("N??C", "[N,?,C]"), "..." for any
 *        number of dimensions ("N...", "?C...", "...C", "[N,...,C]"), "" for the
 *        empty layout and "**SCALAR**". Names are letters, digits and '_' with at
 *        least one letter or digit, each used once. Errors use OpenVINO's wording,
 *        e.g. "Dimension (N) is defined multiple times in layout",
 *        "Multiple ... are not allowed".
 * @param text NUL-terminated UTF-8 text.
 * @param out  receives the layout; untouched on failure.
 * @return PINOT_STATUS_OK or PINOT_STATUS_INVALID_ARGUMENT (also beyond the limits above).
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_layout_parse(const char * text, pinot_layout * out);

/**
 * @brief Format as OpenVINO does: "[N,C,H,W]", "[N,...,C]", "[?,C]", "[...]" for
 *        the empty layout, "**SCALAR**" for the scalar one.
 * @return the number of characters of the full text (like snprintf); it is always
 *         below PINOT_LAYOUT_STRING_SIZE.
 */
PINOT_API int pinot_layout_to_string(const pinot_layout * layout, char * buf, size_t size);

/** @brief Same dimensions, names, "..." and scalar-ness. */
PINOT_API bool pinot_layout_equal(const pinot_layout * a, const pinot_layout * b);

/** @brief Equal to the empty layout (so "..." is empty, "?" and the scalar layout are not). */
PINOT_API bool pinot_layout_is_empty(const pinot_layout * layout);

/** @brief The scalar layout. */
PINOT_API bool pinot_layout_is_scalar(const pinot_layout * layout);

/**
 * @brief Whether a dimension has this name; the name is matched case-insensitively
 *        and through the aliases ("batch" finds N). Invalid names are just absent.
 */
PINOT_API bool pinot_layout_has_name(const pinot_layout * layout, const char * name);

/**
 * @brief Index of the named dimension: 0-based from the left, or negative
 *        (-1 is the last) for a dimension after "...".
 * @return PINOT_STATUS_OK, or PINOT_STATUS_INVALID_ARGUMENT with OpenVINO's message
 *         "<name> dimension index is not defined" when there is no such name.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_layout_get_index_by_name(const pinot_layout * layout, const char * name,
                                                                      int64_t * out);

/**
 * @brief Name of the dimension at @p index (negative counts from the right end,
 *        as get_index_by_name returns for dimensions after "...").
 * @return the upper-case name, valid as long as @p layout is; NULL for "?" or when
 *         no dimension of the layout is known at that index.
 */
PINOT_API const char * pinot_layout_get_name(const pinot_layout * layout, int64_t index);

/* layout_helpers: the well-known names N (batch), C (channels), D (depth), H (height), W (width). */
PINOT_API bool pinot_layout_has_batch(const pinot_layout * layout);
PINOT_API bool pinot_layout_has_channels(const pinot_layout * layout);
PINOT_API bool pinot_layout_has_depth(const pinot_layout * layout);
PINOT_API bool pinot_layout_has_height(const pinot_layout * layout);
PINOT_API bool pinot_layout_has_width(const pinot_layout * layout);

/**
 * @brief Index of N, C, D, H or W as pinot_layout_get_index_by_name.
 * @return PINOT_STATUS_OK, or PINOT_STATUS_INVALID_ARGUMENT ("N dimension index is not defined").
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_layout_batch_idx(const pinot_layout * layout, int64_t * out);
PINOT_API PINOT_NODISCARD pinot_status pinot_layout_channels_idx(const pinot_layout * layout, int64_t * out);
PINOT_API PINOT_NODISCARD pinot_status pinot_layout_depth_idx(const pinot_layout * layout, int64_t * out);
PINOT_API PINOT_NODISCARD pinot_status pinot_layout_height_idx(const pinot_layout * layout, int64_t * out);
PINOT_API PINOT_NODISCARD pinot_status pinot_layout_width_idx(const pinot_layout * layout, int64_t * out);

#ifdef __cplusplus
}
#endif

#endif // PINOT_LAYOUT_H

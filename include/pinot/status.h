/* Status codes, the per-thread error message, and the export macros every
 * public header uses. */
#ifndef PINOT_STATUS_H
#define PINOT_STATUS_H

#include <assert.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define PINOT_API __declspec(dllexport)
#elif defined(__GNUC__)
#define PINOT_API __attribute__((visibility("default")))
#else
#define PINOT_API
#endif

#if defined(__GNUC__)
#define PINOT_NODISCARD __attribute__((warn_unused_result))
#define PINOT_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PINOT_NODISCARD
#define PINOT_PRINTF(fmt, args)
#endif

/* Append-only: the numeric values are part of the ABI. */
typedef enum pinot_status {
    PINOT_STATUS_OK = 0,
    PINOT_STATUS_INVALID_ARGUMENT,
    PINOT_STATUS_INVALID_STATE,
    PINOT_STATUS_UNSUPPORTED_OP,
    PINOT_STATUS_UNSUPPORTED_PARAMETER,
    PINOT_STATUS_UNSUPPORTED_HARDWARE,
    PINOT_STATUS_OUT_OF_MEMORY,
    PINOT_STATUS_PARSE_ERROR,
    PINOT_STATUS_IO_ERROR,
    PINOT_STATUS_BUSY,
    PINOT_STATUS_NOT_READY,
    PINOT_STATUS_CANCELLED,
    PINOT_STATUS_COUNT
} pinot_status;

/**
 * @brief Static, human-readable name of a status ("out of memory").
 * @return never NULL; "unknown status" for values out of range.
 */
PINOT_API const char * pinot_status_string(pinot_status status);

/**
 * @brief The detail message of the last failing call on this thread.
 * @return a thread-local string valid until this thread's next failing call;
 *         "" when no error was recorded.
 */
PINOT_API const char * pinot_last_error_message(void);

/**
 * @brief Record an error for this thread and return @p status, so that
 *        `return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "...")` reads naturally.
 *        Messages longer than the buffer (1 KiB) are truncated.
 */
PINOT_API pinot_status pinot_set_error(pinot_status status, const char * fmt, ...) PINOT_PRINTF(2, 3);

/** @brief Forget this thread's last error message. */
PINOT_API void pinot_clear_error(void);

#ifdef __cplusplus
}
#endif

#endif // PINOT_STATUS_H

/* Status names and the per-thread error message. The message lives in a
 * thread-local buffer so concurrent requests never see each other's errors
 * (unlike a process-global string behind a mutex). */
#include <stdio.h>
#include <string.h>

#include "pinot/status.h"

#define PINOT_ERROR_MESSAGE_SIZE 1024

static _Thread_local char error_message[PINOT_ERROR_MESSAGE_SIZE];

static const char * const status_names[] = {
    [PINOT_STATUS_OK] = "ok",
    [PINOT_STATUS_INVALID_ARGUMENT] = "invalid argument",
    [PINOT_STATUS_INVALID_STATE] = "invalid state",
    [PINOT_STATUS_UNSUPPORTED_OP] = "unsupported op",
    [PINOT_STATUS_UNSUPPORTED_PARAMETER] = "unsupported parameter",
    [PINOT_STATUS_UNSUPPORTED_HARDWARE] = "unsupported hardware",
    [PINOT_STATUS_OUT_OF_MEMORY] = "out of memory",
    [PINOT_STATUS_PARSE_ERROR] = "parse error",
    [PINOT_STATUS_IO_ERROR] = "I/O error",
    [PINOT_STATUS_BUSY] = "busy",
    [PINOT_STATUS_NOT_READY] = "not ready",
    [PINOT_STATUS_CANCELLED] = "cancelled",
};

_Static_assert(sizeof(status_names) / sizeof(status_names[0]) == PINOT_STATUS_COUNT,
               "every status needs a name");

const char * pinot_status_string(pinot_status status) {
    if ((unsigned)status >= PINOT_STATUS_COUNT) {
        return "unknown status";
    }
    return status_names[status];
}

const char * pinot_last_error_message(void) {
    return error_message;
}

pinot_status pinot_set_error(pinot_status status, const char * fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(error_message, sizeof(error_message), fmt, args);
    va_end(args);
    return status;
}

void pinot_clear_error(void) {
    error_message[0] = '\0';
}

/* pinot_read_model: map the file, detect its format from the content, hand
 * it to the frontend. The mapping lives only while the model is imported:
 * constants are copied out (external data stays mapped by its tensors). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontends/onnx/onnx-import.h"
#include "pinot/reader.h"

static bool looks_like_xml(const uint8_t * data, size_t size) {
    size_t i = 0;
    if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
        i = 3; /* UTF-8 byte order mark */
    }
    while (i < size && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) {
        i++;
    }
    return i < size && data[i] == '<';
}

static pinot_status read_bytes(const uint8_t * data, size_t size, const char * model_dir, pinot_model_t ** out) {
    if (size == 0) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to read model: the data is empty");
    }
    if (looks_like_xml(data, size)) {
        return pinot_set_error(PINOT_STATUS_UNSUPPORTED_PARAMETER,
                               "failed to read model: OpenVINO IR (XML) models are not supported yet");
    }
    struct onnx_model * model = NULL;
    pinot_status status = onnx_model_parse(data, size, &model);
    if (status == PINOT_STATUS_OK) {
        status = onnx_import_model(model, model_dir, out);
        onnx_model_free(model);
    }
    return status;
}

pinot_status pinot_read_model_from_memory(const void * data, size_t size, pinot_model_t ** out) {
    if (data == NULL && size > 0) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to read model: data is NULL");
    }
    return read_bytes(data, size, NULL, out);
}

pinot_status pinot_read_model(const char * path, pinot_model_t ** out) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return pinot_set_error(PINOT_STATUS_IO_ERROR, "failed to read model '%s': %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return pinot_set_error(PINOT_STATUS_IO_ERROR, "failed to read model '%s': not a regular file", path);
    }
    size_t size = (size_t)st.st_size;
    void * data = size > 0 ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    close(fd);
    if (data == MAP_FAILED) {
        return pinot_set_error(PINOT_STATUS_IO_ERROR, "failed to read model '%s': cannot map it", path);
    }
    /* The folder of the file, for external data. */
    char dir[4096];
    const char * slash = strrchr(path, '/');
    if (slash == NULL) {
        snprintf(dir, sizeof(dir), ".");
    } else {
        snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path > 4000 ? 4000 : slash - path), path);
        if (dir[0] == '\0') {
            snprintf(dir, sizeof(dir), "/");
        }
    }
    pinot_status status = read_bytes(data, size, dir, out);
    if (data != NULL) {
        munmap(data, size);
    }
    return status;
}

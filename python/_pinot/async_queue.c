/* The C side of pinot.AsyncInferQueue: a pool of infer requests (jobs), a FIFO
 * of idle job ids guarded by a mutex and condition variable, the per-job
 * completion callback that calls the user's function under the GIL on the
 * stream worker, and the errors it surfaces (callback exceptions from the next
 * queue call, inference failures from wait_all). Input binding is Python
 * (pinot/_async.py), shared with InferRequest. */
#include <pthread.h>
#include <time.h>

#include "graph_py.h"

struct queue_job {
    struct async_queue * queue;
    uint32_t id;
    bool failed;    /* the last run failed: every wait_all reports it until the job runs again */
    pinot_status status;
    char message[1024];
};

typedef struct async_queue {
    PyObject_HEAD
    PyObject * requests; /* tuple of InferRequest objects */
    PyObject * userdata; /* list: the userdata of each job's last start */
    PyObject * callback; /* fn(request, userdata), or NULL */
    PyObject * errors;   /* list of exceptions the callback raised, oldest first */
    uint32_t n_jobs;
    struct queue_job * jobs;
    /* Idle job ids, a ring of n_jobs. Never taken together with the GIL by a
     * thread that waits: waiters release the GIL first. */
    pthread_mutex_t lock;
    pthread_cond_t idle_changed;
    uint32_t * idle;
    uint32_t idle_head, idle_count;
    bool initialized;
} async_queue;

static pinot_infer_request_t * job_request(async_queue * q, uint32_t id) {
    return ((pinot_py_infer_request_object *)PyTuple_GET_ITEM(q->requests, id))->request;
}

static void push_idle(async_queue * q, uint32_t id) {
    pthread_mutex_lock(&q->lock);
    q->idle[(q->idle_head + q->idle_count) % q->n_jobs] = id;
    q->idle_count++;
    pthread_cond_broadcast(&q->idle_changed);
    pthread_mutex_unlock(&q->lock);
}

/* Runs on the stream worker, no runtime lock held. The queue object is kept
 * alive (one reference) by the run. */
static void job_done(pinot_infer_request_t * request, pinot_status status, void * user) {
    (void)request;
    struct queue_job * job = user;
    async_queue * q = job->queue;
    bool alive = pinot_py_runtime_alive();
    if (status != PINOT_STATUS_OK) {
        /* OpenVINO skips the callback of a failed run; wait_all raises it. */
        job->failed = true;
        job->status = status;
        snprintf(job->message, sizeof(job->message), "%s", pinot_last_error_message());
    }
    if (!alive) {
        push_idle(q, job->id);
        return;
    }
    PyGILState_STATE gil = PyGILState_Ensure();
    if (status == PINOT_STATUS_OK && q->callback != NULL) {
        PyObject * callback = Py_NewRef(q->callback);
        PyObject * userdata = Py_NewRef(PyList_GET_ITEM(q->userdata, job->id));
        PyObject * result = PyObject_CallFunctionObjArgs(callback, PyTuple_GET_ITEM(q->requests, job->id), userdata,
                                                         NULL);
        if (result == NULL) {
            PyObject * type, * value, * tb;
            PyErr_Fetch(&type, &value, &tb);
            PyErr_NormalizeException(&type, &value, &tb);
            if (value != NULL && tb != NULL) {
                PyException_SetTraceback(value, tb);
            }
            if (value == NULL || PyList_Append(q->errors, value) < 0) {
                PyErr_Clear();
            }
            Py_XDECREF(type);
            Py_XDECREF(value);
            Py_XDECREF(tb);
        }
        Py_XDECREF(result);
        Py_DECREF(userdata);
        Py_DECREF(callback);
    }
    /* The job goes back to the idle FIFO even when the callback raised. */
    push_idle(q, job->id);
    Py_DECREF((PyObject *)q);
    PyGILState_Release(gil);
}

/* Re-raises the oldest callback exception (and forgets it). */
static int raise_callback_error(async_queue * q) {
    if (PyList_GET_SIZE(q->errors) == 0) {
        return 0;
    }
    PyObject * exc = Py_NewRef(PyList_GET_ITEM(q->errors, 0));
    if (PySequence_DelItem(q->errors, 0) < 0) {
        Py_DECREF(exc);
        return -1;
    }
    PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    Py_DECREF(exc);
    return -1;
}

static int check_queue(async_queue * q) {
    if (!q->initialized) {
        PyErr_SetString(PyExc_RuntimeError, "the AsyncInferQueue is not initialized");
        return -1;
    }
    return 0;
}

/* Blocks (GIL released, 100 ms slices for Ctrl-C) until @p enough(q) holds. */
static int wait_idle(async_queue * q, bool all) {
    for (;;) {
        bool done;
        Py_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&q->lock);
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += 100 * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        int rc = 0;
        while ((all ? q->idle_count < q->n_jobs : q->idle_count == 0) && rc == 0) {
            rc = pthread_cond_timedwait(&q->idle_changed, &q->lock, &deadline);
        }
        done = all ? q->idle_count == q->n_jobs : q->idle_count > 0;
        pthread_mutex_unlock(&q->lock);
        Py_END_ALLOW_THREADS
        if (done) {
            return 0;
        }
        if (PyErr_CheckSignals() < 0) {
            return -1;
        }
    }
}

/* The oldest idle job, after its last run (and callback) fully ended; popped when @p take. */
static long idle_job(async_queue * q, bool take) {
    if (check_queue(q) < 0 || raise_callback_error(q) < 0 || wait_idle(q, false) < 0) {
        return -1;
    }
    pthread_mutex_lock(&q->lock);
    uint32_t id = q->idle[q->idle_head];
    if (take) {
        q->idle_head = (q->idle_head + 1) % q->n_jobs;
        q->idle_count--;
    }
    pthread_mutex_unlock(&q->lock);
    /* job_done pushes the id back just before it returns: wait for that. */
    pinot_status status;
    if (pinot_py_wait_request(job_request(q, id), -1, &status) < 0) {
        if (take) {
            push_idle(q, id);
        }
        return -1;
    }
    return (long)id;
}

/* ---- methods ---- */

/* AsyncInferQueue(model: CompiledModel, jobs: int = 0) */
static int queue_init(PyObject * self, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"model", "jobs", NULL};
    async_queue * q = (async_queue *)self;
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    PyObject * model;
    long long jobs = 0;
    if (q->initialized) {
        PyErr_SetString(PyExc_RuntimeError, "AsyncInferQueue is already initialized");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!|L:AsyncInferQueue", kwlist, types->CompiledModelType, &model,
                                     &jobs)) {
        return -1;
    }
    if (jobs < 0 || jobs > 1 << 16) {
        PyErr_Format(PyExc_TypeError, "__init__(): incompatible constructor arguments. The following argument types "
                     "are supported:\n    1. AsyncInferQueue(model: CompiledModel, jobs: int = 0)\n\nInvoked with "
                     "jobs=%lld", jobs);
        return -1;
    }
    if (jobs == 0) {
        const pinot_compiled_model_t * compiled = ((pinot_py_compiled_model_object *)model)->compiled;
        if (compiled == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "Can't load network: the compiled model is not initialized. Please "
                            "specify number of infer requests directly!");
            return -1;
        }
        jobs = pinot_compiled_model_get_optimal_number_of_infer_requests(compiled);
    }
    uint32_t n = (uint32_t)jobs;
    q->jobs = PyMem_RawCalloc(n, sizeof(*q->jobs));
    q->idle = PyMem_RawCalloc(n, sizeof(*q->idle));
    q->requests = PyTuple_New(n);
    q->userdata = PyList_New(n);
    q->errors = PyList_New(0);
    if (q->jobs == NULL || q->idle == NULL) {
        PyErr_NoMemory();
    }
    if (PyErr_Occurred()) {
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        PyObject * request = PyObject_CallMethod(model, "create_infer_request", NULL);
        if (request == NULL) {
            return -1;
        }
        if (!PyObject_TypeCheck(request, types->InferRequestType)) {
            Py_DECREF(request);
            PyErr_SetString(PyExc_TypeError, "create_infer_request() did not return an InferRequest");
            return -1;
        }
        PyTuple_SET_ITEM(q->requests, i, request);
        PyList_SET_ITEM(q->userdata, i, Py_NewRef(Py_None));
        q->jobs[i] = (struct queue_job){.queue = q, .id = i};
        q->idle[i] = i;
    }
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->idle_changed, NULL);
    q->n_jobs = n;
    q->idle_head = 0;
    q->idle_count = n;
    q->initialized = true;
    return 0;
}

static PyObject * queue_is_ready(PyObject * self, PyObject * unused) {
    (void)unused;
    async_queue * q = (async_queue *)self;
    if (check_queue(q) < 0 || raise_callback_error(q) < 0) {
        return NULL;
    }
    bool ready;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&q->lock);
    ready = q->idle_count > 0;
    pthread_mutex_unlock(&q->lock);
    Py_END_ALLOW_THREADS
    return PyBool_FromLong(ready);
}

static PyObject * queue_get_idle_request_id(PyObject * self, PyObject * unused) {
    (void)unused;
    long id = idle_job((async_queue *)self, false);
    return id < 0 ? NULL : PyLong_FromLong(id);
}

/* _acquire() -> int: takes the oldest idle job (blocking) for start_async to fill. */
static PyObject * queue_acquire(PyObject * self, PyObject * unused) {
    (void)unused;
    long id = idle_job((async_queue *)self, true);
    return id < 0 ? NULL : PyLong_FromLong(id);
}

static int job_arg(async_queue * q, PyObject * arg, uint32_t * out) {
    long id = PyLong_AsLong(arg);
    if (id == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (id < 0 || (unsigned long)id >= q->n_jobs) {
        PyErr_Format(PyExc_IndexError, "job id %ld is out of range (the queue has %u jobs)", id, q->n_jobs);
        return -1;
    }
    *out = (uint32_t)id;
    return 0;
}

/* _release(id): gives back a job taken by _acquire that was not started. */
static PyObject * queue_release(PyObject * self, PyObject * arg) {
    async_queue * q = (async_queue *)self;
    uint32_t id;
    if (check_queue(q) < 0 || job_arg(q, arg, &id) < 0) {
        return NULL;
    }
    push_idle(q, id);
    Py_RETURN_NONE;
}

/* _start(id, userdata): starts a job taken by _acquire, its inputs bound. */
static PyObject * queue_start(PyObject * self, PyObject * args) {
    async_queue * q = (async_queue *)self;
    PyObject * id_obj, * userdata;
    uint32_t id;
    if (check_queue(q) < 0 || !PyArg_ParseTuple(args, "OO:_start", &id_obj, &userdata) ||
        job_arg(q, id_obj, &id) < 0) {
        return NULL;
    }
    if (PyList_SetItem(q->userdata, id, Py_NewRef(userdata)) < 0) {
        return NULL;
    }
    pinot_infer_request_t * request = job_request(q, id);
    q->jobs[id].failed = false;
    pinot_infer_request_set_callback(request, job_done, &q->jobs[id]);
    Py_INCREF(self); /* released by job_done */
    pinot_status status;
    Py_BEGIN_ALLOW_THREADS
    status = pinot_infer_request_start_async(request);
    Py_END_ALLOW_THREADS
    if (status != PINOT_STATUS_OK) {
        Py_DECREF(self);
        push_idle(q, id);
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * queue_wait_all(PyObject * self, PyObject * unused) {
    (void)unused;
    async_queue * q = (async_queue *)self;
    if (check_queue(q) < 0 || wait_idle(q, true) < 0) {
        return NULL;
    }
    for (uint32_t i = 0; i < q->n_jobs; i++) {
        pinot_status status;
        if (pinot_py_wait_request(job_request(q, i), -1, &status) < 0) {
            return NULL;
        }
    }
    if (raise_callback_error(q) < 0) {
        return NULL;
    }
    for (uint32_t i = 0; i < q->n_jobs; i++) {
        if (q->jobs[i].failed) {
            /* Kept until the job runs again: OpenVINO's wait_all re-waits the failed request. */
            pinot_set_error(q->jobs[i].status, "%s", q->jobs[i].message);
            return pinot_py_raise(q->jobs[i].status);
        }
    }
    Py_RETURN_NONE;
}

static PyObject * queue_set_callback(PyObject * self, PyObject * callback) {
    async_queue * q = (async_queue *)self;
    if (check_queue(q) < 0) {
        return NULL;
    }
    if (!PyCallable_Check(callback)) {
        PyErr_Format(PyExc_TypeError, "set_callback(): incompatible function arguments. The following argument "
                     "types are supported:\n    1. (self, arg0: Callable) -> None\n\nInvoked with: %R", callback);
        return NULL;
    }
    Py_XSETREF(q->callback, Py_NewRef(callback));
    Py_RETURN_NONE;
}

static Py_ssize_t queue_len(PyObject * self) {
    return ((async_queue *)self)->n_jobs;
}

static PyObject * queue_item(PyObject * self, Py_ssize_t i) {
    async_queue * q = (async_queue *)self;
    if (check_queue(q) < 0) {
        return NULL;
    }
    if (i < 0 || (size_t)i >= q->n_jobs) {
        PyErr_Format(PyExc_IndexError, "job id %zd is out of range (the queue has %u jobs)", i, q->n_jobs);
        return NULL;
    }
    return Py_NewRef(PyTuple_GET_ITEM(q->requests, i));
}

static PyObject * queue_prop_userdata(PyObject * self, void * closure) {
    (void)closure;
    async_queue * q = (async_queue *)self;
    return q->userdata != NULL ? PyList_GetSlice(q->userdata, 0, q->n_jobs) : PyList_New(0);
}

static PyObject * queue_repr(PyObject * self) {
    return PyUnicode_FromFormat("<AsyncInferQueue: %u jobs>", ((async_queue *)self)->n_jobs);
}

static int queue_traverse(PyObject * self, visitproc visit, void * arg) {
    async_queue * q = (async_queue *)self;
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(q->requests);
    Py_VISIT(q->userdata);
    Py_VISIT(q->callback);
    Py_VISIT(q->errors);
    return 0;
}

static int queue_clear(PyObject * self) {
    async_queue * q = (async_queue *)self;
    Py_CLEAR(q->callback);
    Py_CLEAR(q->errors);
    Py_CLEAR(q->userdata);
    return 0;
}

static void queue_dealloc(PyObject * self) {
    async_queue * q = (async_queue *)self;
    PyTypeObject * type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    /* Runs in flight hold a reference to the queue, so none is left here
     * unless Python is exiting; the requests' own free waits for those. */
    queue_clear(self);
    Py_CLEAR(q->requests);
    if (q->initialized) {
        pthread_cond_destroy(&q->idle_changed);
        pthread_mutex_destroy(&q->lock);
    }
    PyMem_RawFree(q->jobs);
    PyMem_RawFree(q->idle);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyMethodDef queue_methods[] = {
    {"is_ready", queue_is_ready, METH_NOARGS, "is_ready() -> bool: True when a job is idle."},
    {"get_idle_request_id", queue_get_idle_request_id, METH_NOARGS,
     "get_idle_request_id() -> int: waits for an idle job and returns its id."},
    {"wait_all", queue_wait_all, METH_NOARGS, "wait_all() -> None: waits for every job."},
    {"set_callback", queue_set_callback, METH_O,
     "set_callback(callback: Callable) -> None: callback(request, userdata) after each job."},
    {"_acquire", queue_acquire, METH_NOARGS, NULL},
    {"_release", queue_release, METH_O, NULL},
    {"_start", queue_start, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef queue_getset[] = {
    {"userdata", queue_prop_userdata, NULL, "list: the userdata of each job", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot queue_slots[] = {
    {Py_tp_new, PyType_GenericNew},
    {Py_tp_init, queue_init},
    {Py_tp_dealloc, queue_dealloc},
    {Py_tp_traverse, queue_traverse},
    {Py_tp_clear, queue_clear},
    {Py_tp_repr, queue_repr},
    {Py_tp_methods, queue_methods},
    {Py_tp_getset, queue_getset},
    {Py_sq_length, queue_len},
    {Py_sq_item, queue_item},
    {Py_tp_doc, "The C side of pinot.AsyncInferQueue."},
    {0, NULL},
};

static PyType_Spec queue_spec = {
    .name = "pinot._pinot.AsyncInferQueueBase",
    .basicsize = sizeof(async_queue),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .slots = queue_slots,
};

int pinot_py_async_queue_register(PyObject * module) {
    PyTypeObject * type = (PyTypeObject *)PyType_FromModuleAndSpec(module, &queue_spec, NULL);
    if (type == NULL) {
        return -1;
    }
    int rc = PyModule_AddType(module, type);
    Py_DECREF(type);
    return rc;
}

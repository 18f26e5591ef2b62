"""Executes one notebook for binderpress with nbclient, the reference executor.

binderpress runs this file with the Python that holds the kernel. The request comes as one JSON
object on standard input: {"notebook": {...nbformat...}, "cwd": DIR, "timeout": SECONDS,
"allowErrors": BOOL, "kernel": NAME}. The answer is one JSON object on standard output:
{"status": "ok" | "error" | "timeout" | "dead" | "no-kernel" | "failed", "notebook": {...} | null,
"cell": INDEX | null, "message": TEXT}. The notebook holds every output computed, up to and
including a failing cell. `--probe` only checks that nbclient and jupyter_client import.
"""
import json
import os
import signal
import sys


class Stopped(Exception):
    """binderpress asked this run to end (SIGTERM): the kernel is shut down on the way out."""


def on_term(signum, frame):
    raise Stopped()


class Current:
    """The index of the cell sent to the kernel last (nbclient's `on_cell_execute` hook)."""
    index = None

    def __call__(self, cell, cell_index, **kwargs):
        self.index = cell_index


def kernel_started(**kwargs):
    """Tells binderpress the kernel is up: the whole-notebook limit counts from here."""
    sys.stderr.write("\nbinderpress:kernel-started\n")
    sys.stderr.flush()


def run(request):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from jupyter_client.kernelspec import NoSuchKernel

    # reads() joins multi-line fields saved as lists of strings, as nbformat does for a file.
    nb = nbformat.reads(json.dumps(request["notebook"]), as_version=4)
    current = Current()
    client = NotebookClient(
        nb,
        timeout=request["timeout"],
        kernel_name=request["kernel"],
        allow_errors=bool(request["allowErrors"]),
        record_timing=False,  # timings in the metadata would make every run's bytes differ
        resources={"metadata": {"path": request["cwd"]}},
        on_cell_execute=current,
        on_notebook_start=kernel_started,
    )
    status, cell, message = "ok", None, ""
    try:
        client.execute(cwd=request["cwd"])
    except CellTimeoutError as error:
        status, cell, message = "timeout", current.index, str(error).strip().splitlines()[0]
    except DeadKernelError as error:
        status, cell, message = "dead", current.index, str(error).strip() or "the kernel died"
        # Whether the kernel said the cell's number before it died is a race: one run of the same
        # notebook saved 2, the next null. The cell never finished, so it keeps no number.
        if cell is not None:
            nb.cells[cell].execution_count = None
    except CellExecutionError as error:
        status, cell = "error", current.index
        message = f"{error.ename}: {error.evalue}" if getattr(error, "ename", None) else str(error).strip().splitlines()[-1]
    except NoSuchKernel as error:
        return {"status": "no-kernel", "notebook": None, "cell": None, "message": f"no kernel named {error.name} is installed for {sys.executable}"}
    except Stopped:
        return {"status": "failed", "notebook": None, "cell": None, "message": "stopped"}
    return {"status": status, "notebook": nb, "cell": cell, "message": message}


def main():
    if "--probe" in sys.argv:
        import nbclient  # noqa: F401
        import jupyter_client  # noqa: F401
        print(sys.executable)
        return
    signal.signal(signal.SIGTERM, on_term)
    request = json.load(sys.stdin)
    try:
        answer = run(request)
    except Exception as error:  # anything else: reported, never a Python traceback on the page
        answer = {"status": "failed", "notebook": None, "cell": None, "message": f"{type(error).__name__}: {error}"}
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()
    os._exit(0)  # no lingering kernel-manager threads at exit


if __name__ == "__main__":
    main()

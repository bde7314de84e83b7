"""Start-up repair after a crash: data processing a killed server never finished becomes a failed job, and the
half-made data record goes, so the task can be given data again."""

from __future__ import annotations

import logging

from .state import SandboxState
from .views_task_data import creation_key

log = logging.getLogger(__name__)

INTERRUPTED = "RuntimeError: The server stopped while this task's data was being processed. Attach the data again.\n"


def recover_interrupted(state: SandboxState) -> list[int]:
    """Fail every processing left under way by a previous run; return the ids of the tasks concerned."""
    state.media.remove_staging()
    failed = []
    for task_id, data_id in state.media_records.interrupted():
        state.media_records.detach(task_id, data_id)
        state.media.remove(data_id)
        if state.tasks.exists(task_id):
            state.worker.record_failure(creation_key(task_id), INTERRUPTED)
            failed.append(task_id)
            log.warning("task %d: data processing was interrupted by a stop; marked failed", task_id)
    return failed

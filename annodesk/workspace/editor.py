"""The editing side of the workspace: every edit of a job's annotations as one undo step, with a journal. No widgets.

:class:`JobEditor` wraps the pure edits of :mod:`annodesk.annotations.edits`: each method edits the controller's
current frame, pushes one :class:`~PySide6.QtGui.QUndoCommand` holding the :class:`EditStep`, and says so with
``edited(step)``. An edit that is refused (CVAT's rules, a locked object, a save running, a restore undecided)
emits ``rejected(Problem)`` and returns None/False; nothing raises into Qt.

Undo and redo apply the step's **delta** (:func:`annodesk.annotations.history.delta`) to the *current* document, so
changes of other users merged in by a save survive an undo (an object someone else deleted is not revived by undoing
a move of it). Every applied step is journaled (:class:`~annodesk.session.journal.Journal`) on a single worker
thread of the job, in order; a failed write is told through the host's ``message`` and the edit stays in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QUndoCommand, QUndoStack

from annodesk.annotations import LabelSet, attribute_map
from annodesk.annotations import edits as e
from annodesk.annotations.geometry import EditRejected, ImageSize
from annodesk.annotations.history import Delta, EditStep, apply_delta, delta
from annodesk.annotations.identity import (
    CLIENT_ID,
    Item,
    after_save,
    client_id,
    find,
    identified,
    items_of,
    with_client_id,
    with_items,
)
from annodesk.annotations.identity import KINDS as DOMAIN_KINDS
from annodesk.annotations.identity import ObjectKey as DomainKey
from annodesk.annotations.objects import Annotations, Track
from annodesk.i18n import arg
from annodesk.session.journal import Journal, JournalError, JournalFull

from .cross_thread import deliver, prepare
from .frame_objects import TRACK, ObjectKey, domain_key, workspace_key
from .problems import Problem

log = logging.getLogger(__name__)

UNDO_LIMIT = 256  # steps kept for undo (CVAT's web client keeps 128)


class EditorHost(Protocol):
    """What the editor needs of the workspace controller."""

    frame: int
    locked: set[ObjectKey]
    message: SignalInstance

    @property
    def last_frame(self) -> int: ...

    def frame_size(self, frame: int) -> ImageSize | None: ...

    def top_z_order(self) -> int: ...

    def go_to(self, frame: int, *, force: bool = False) -> None: ...

    def select(self, key: ObjectKey | None) -> None: ...

    def object(self, key: ObjectKey | None) -> Any: ...


class _StepCommand(QUndoCommand):
    """One user action on the undo stack. The first ``redo`` (QUndoStack.push) applies the step as made; later
    ones, and ``undo``, apply its delta to the document as it is then."""

    def __init__(self, editor: JobEditor, step: EditStep) -> None:
        super().__init__(step.description)
        self.editor = editor
        self.step = step
        self.saves_seen = editor.saves_made  # the saves whose ids ``step`` has (see JobEditor.mark_saved)
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            self.editor._apply(self.step)
            return
        self.editor._replay(self.editor._up_to_date(self), forward=True)

    def undo(self) -> None:
        self.editor._replay(self.editor._up_to_date(self), forward=False)


class JobEditor(QObject):
    """The editable annotations of one open job (see the module docstring).

    ``document`` is the job now, ``saved`` the job as loaded or last saved (the save's base); ``labels`` the task's
    labels; ``undo_stack`` one command per user action (limit :data:`UNDO_LIMIT`); ``read_only`` is set by the
    saver while a save runs (edits are refused meanwhile).
    """

    edited = Signal(object)  # EditStep (made, undone or redone): the controller re-reads the frame
    dirtyChanged = Signal(bool)
    rejected = Signal(object)  # Problem

    def __init__(
        self,
        host: EditorHost,
        document: Annotations,
        labels: LabelSet,
        *,
        job_id: int,
        journal: Journal | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.job_id = job_id
        self.labels = labels
        self.document: Annotations = identified(document)
        self.saved: Annotations = self.document
        self.version = document.version
        self.read_only = False
        self.restore_pending = False  # a journal of an earlier session waits for restore() or discard
        self.clipboard: e.Clipboard | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.journal = journal
        self._journal_pool = (
            ThreadPoolExecutor(1, thread_name_prefix=f"journal-job-{job_id}") if journal is not None else None
        )
        self._journal_writes: list[Future[None]] = []
        self._saves: list[Annotations] = []  # the documents of the saves since the oldest step on the stack was made
        self._saves_base = 0  # how many saves came before _saves[0]
        self._dirty = False
        prepare()  # journal failures come back from the journal thread through it

    # ---- state -----------------------------------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        """Whether the document differs from the last saved one in content (not by the undo index)."""
        return self.document != self.saved

    def _update_dirty(self) -> None:
        dirty = self.is_dirty()
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    # ---- the edits -------------------------------------------------------------------------------------------------

    def create(
        self,
        shape_type: str,
        points: Sequence[float],
        *,
        label_id: int,
        track: bool = False,
        attributes: Mapping[int, str] | None = None,
    ) -> ObjectKey | None:
        """A new shape (or a track with one keyframe) on the current frame, at the frame's top z-order."""
        maker = e.create_track if track else e.create_shape
        description = self.tr("Draw a track") if track else self.tr("Draw a shape")
        return self._make(
            description,
            lambda doc, frame: maker(
                doc,
                self.labels,
                shape_type=shape_type,
                frame=frame,
                label_id=label_id,
                points=points,
                image=self.host.frame_size(frame),
                z_order=self.host.top_z_order(),
                attributes=attributes,
            ),
        )

    def create_tag(self, label_id: int, attributes: Mapping[int, str] | None = None) -> ObjectKey | None:
        """A new tag on the current frame."""
        return self._make(
            self.tr("Tag the frame"),
            lambda doc, frame: e.create_tag(doc, self.labels, frame=frame, label_id=label_id, attributes=attributes),
        )

    def set_points(self, key: ObjectKey, points: Sequence[float]) -> bool:
        """New points (a drag, a resize, a vertex moved or inserted): one step, clamped to the image."""
        return self._edit(
            self.tr("Change the points"),
            [key],
            lambda doc, frame, ks: e.set_points(doc, ks[0], frame, points, image=self.host.frame_size(frame)),
        )

    def move(self, key: ObjectKey, dx: float, dy: float) -> bool:
        return self._edit(
            self.tr("Move"),
            [key],
            lambda doc, frame, ks: e.move(doc, ks[0], frame, dx, dy, image=self.host.frame_size(frame)),
        )

    def delete_vertex(self, key: ObjectKey, index: int) -> bool:
        return self._edit(
            self.tr("Delete a point"),
            [key],
            lambda doc, frame, ks: e.delete_vertex(doc, ks[0], frame, index, image=self.host.frame_size(frame)),
        )

    def change_label(self, key: ObjectKey, label_id: int) -> bool:
        """The label changed; the attributes reset to the new label's defaults (as CVAT does)."""
        return self._edit(
            self.tr("Change the label"), [key], lambda doc, frame, ks: e.change_label(doc, self.labels, ks[0], label_id)
        )

    def set_attribute(self, key: ObjectKey, spec_id: int, value: str) -> bool:
        """An attribute's value: a mutable one of a track on the keyframe here, an immutable one on the track."""
        return self._edit(
            self.tr("Change an attribute"),
            [key],
            lambda doc, frame, ks: e.set_attribute(doc, self.labels, ks[0], frame, spec_id, value),
        )

    def set_occluded(self, key: ObjectKey, occluded: bool) -> bool:
        return self._edit(
            self.tr("Occluded"), [key], lambda doc, frame, ks: e.set_occluded(doc, ks[0], frame, occluded)
        )

    def toggle_occluded(self, key: ObjectKey) -> bool:
        return self._edit(
            self.tr("Occluded"),
            [key],
            lambda doc, frame, ks: e.set_occluded(doc, ks[0], frame, not _occluded(doc, ks[0], frame)),
        )

    def to_front(self, key: ObjectKey) -> bool:
        return self._edit(self.tr("To the front"), [key], lambda doc, frame, ks: e.to_front(doc, ks[0], frame))

    def to_back(self, key: ObjectKey) -> bool:
        return self._edit(self.tr("To the back"), [key], lambda doc, frame, ks: e.to_back(doc, ks[0], frame))

    def group(self, keys: Iterable[ObjectKey]) -> bool:
        return self._edit(self.tr("Group"), list(keys), lambda doc, frame, ks: e.group(doc, ks))

    def ungroup(self, keys: Iterable[ObjectKey]) -> bool:
        return self._edit(self.tr("Ungroup"), list(keys), lambda doc, frame, ks: e.ungroup(doc, ks))

    def copy(self, key: ObjectKey) -> bool:
        """Keep the object as it is on the current frame for :meth:`paste` (no edit)."""
        try:
            self.clipboard = e.copy(self.document, self.labels, domain_key(key), self.host.frame)
        except (EditRejected, KeyError) as error:
            self._reject(error)
            return False
        return True

    def can_paste(self) -> bool:
        return self.clipboard is not None

    def paste(self) -> ObjectKey | None:
        """A new object from the clipboard on the current frame, where it was copied."""
        clipboard = self.clipboard
        if clipboard is None:
            return None
        return self._make(
            self.tr("Paste"),
            lambda doc, frame: e.paste(doc, self.labels, clipboard, frame, image=self.host.frame_size(frame)),
        )

    def propagate(self, key: ObjectKey, frames: int) -> bool:
        """Copies of the object as shapes on the next ``frames`` frames (not past the job's end)."""
        stop = self.host.last_frame
        made = self._make_many(
            self.tr("Propagate"),
            lambda doc, frame: e.propagate(doc, self.labels, domain_key(key), frame, frames, stop_frame=stop),
            checked=[key],
        )
        return made is not None

    def merge_into_track(self, keys: Sequence[ObjectKey]) -> ObjectKey | None:
        """Shapes and tracks of one label and type merged into one new track."""
        keys = list(keys)
        made = self._make_many(
            self.tr("Merge into a track"),
            lambda doc, frame: e.merge_into_track(doc, self.labels, [domain_key(k) for k in keys]),
            checked=keys,
        )
        return made[0] if made else None

    def split_track(self, key: ObjectKey) -> tuple[ObjectKey, ...]:
        """The track cut at the current frame into two tracks."""
        made = self._make_many(
            self.tr("Split the track"),
            lambda doc, frame: e.split_track(doc, self.labels, domain_key(key), frame),
            checked=[key],
        )
        return made or ()

    def toggle_keyframe(self, key: ObjectKey) -> bool:
        return self._edit(self.tr("Keyframe"), [key], lambda doc, frame, ks: e.toggle_keyframe(doc, ks[0], frame))

    def toggle_outside(self, key: ObjectKey) -> bool:
        return self._edit(self.tr("Outside"), [key], lambda doc, frame, ks: e.toggle_outside(doc, ks[0], frame))

    def next_keyframe(self, key: ObjectKey) -> int | None:
        """The track's first keyframe after the current frame (None for shapes and tags, or at the end)."""
        return self._keyframe(key, e.next_keyframe)

    def previous_keyframe(self, key: ObjectKey) -> int | None:
        return self._keyframe(key, e.previous_keyframe)

    def _keyframe(self, key: ObjectKey, find_frame: Callable[[Annotations, DomainKey, int], int | None]) -> int | None:
        if key[0] != TRACK:
            return None
        try:
            return find_frame(self.document, domain_key(key), self.host.frame)
        except (EditRejected, KeyError):
            return None

    def delete(self, key: ObjectKey, force: bool = False) -> bool:
        """The object removed; a locked one only with ``force`` (Shift+Del)."""
        locked = [domain_key(k) for k in self.host.locked]
        return self._edit(
            self.tr("Delete"),
            [key],
            lambda doc, frame, ks: e.delete(doc, ks, locked=locked, force=force),
            check_lock=False,
        )

    def switch_orientation(self, key: ObjectKey) -> bool:
        return self._edit(
            self.tr("Switch orientation"), [key], lambda doc, frame, ks: e.switch_orientation(doc, ks[0], frame)
        )

    def set_start_point(self, key: ObjectKey, vertex: int) -> bool:
        return self._edit(
            self.tr("Set the start point"), [key], lambda doc, frame, ks: e.set_start_point(doc, ks[0], frame, vertex)
        )

    def attribute_values(self, key: ObjectKey) -> dict[int, str]:
        """The object's attribute values at the current frame, every attribute of its label in the label's order."""
        try:
            item = find(self.document, domain_key(key))[1]
        except KeyError:
            return {}
        if isinstance(item, Track):
            values: Mapping[int, Any] = e.state_at(item, self.host.frame, self.labels).attributes
        else:
            values = self.labels.with_defaults(item.label_id, attribute_map(item.attributes))
        return {spec.id: str(values.get(spec.id, spec.default_value)) for spec in self.labels.specs(item.label_id)}

    # ---- undo and redo ---------------------------------------------------------------------------------------------

    def undo(self) -> None:
        """Undo the last step (on the document as it is now), show its frame and select its first object."""
        if self._refused_now() or not self.undo_stack.canUndo():
            return
        self.undo_stack.undo()

    def redo(self) -> None:
        if self._refused_now() or not self.undo_stack.canRedo():
            return
        self.undo_stack.redo()

    def steps(self) -> list[EditStep]:
        """The steps the undo stack holds, oldest first (with the ids of every save since they were made)."""
        return [self._up_to_date(self._command(index)) for index in range(self.undo_stack.count())]

    @property
    def saves_made(self) -> int:
        """How many saves this editor was told of."""
        return self._saves_base + len(self._saves)

    def _up_to_date(self, command: _StepCommand) -> EditStep:
        """``command``'s step brought through every save since it was made (``identity.after_save`` in order: what
        :meth:`mark_saved` would have done at each save, done when the step is needed)."""
        step = command.step
        for saved in self._saves[command.saves_seen - self._saves_base :]:
            step = replace(step, before=after_save(step.before, saved), after=after_save(step.after, saved))
        command.step, command.saves_seen = step, self.saves_made
        return step

    def _command(self, index: int) -> _StepCommand:
        command = self.undo_stack.command(index)
        assert isinstance(command, _StepCommand)
        return command

    # ---- the save (SaveTarget) -------------------------------------------------------------------------------------

    def mark_saved(self, saved: Annotations, version: int) -> None:
        """A save is done: ``saved`` (the job on the server now, the local edits' client ids kept) becomes the base
        and the document; the documents the undo stack holds get the server ids the save gave (and lose the ids of
        rows it deleted, so an undo creates them again); the journal starts again from it; not dirty."""
        if saved.version != version:
            saved = replace(saved, version=version)
        saved = carry_client_ids(self.document, saved)
        # The steps the stack holds are brought through this save when they are next undone or redone (a dense job's
        # 256 steps through after_save would take a while on the GUI thread now); saves no step needs are dropped.
        self._saves.append(saved)
        oldest = min((self._command(i).saves_seen for i in range(self.undo_stack.count())), default=self.saves_made)
        drop = oldest - self._saves_base
        del self._saves[:drop]
        self._saves_base += drop
        self.version = version
        self.saved = saved
        before = self.document
        self.document = saved
        self._journal(lambda journal: journal.mark_saved(self.job_id, version, saved))
        self.edited.emit(EditStep(self.tr("Save"), self.host.frame, before, saved, ()))
        self._update_dirty()

    # ---- restore -----------------------------------------------------------------------------------------------------

    def begin_journal(self) -> None:
        """Start the journal afresh from ``saved`` (a job opened with nothing to restore, or restore declined)."""
        self.restore_pending = False
        saved, version = self.saved, self.version
        self._journal(lambda journal: journal.begin(self.job_id, version, saved))

    def restore(self, base: Annotations, version: int, document: Annotations) -> None:
        """Take back unsaved edits of an earlier session (a journal's :class:`Pending`): ``base`` at ``version``
        becomes the saved copy, ``document`` the document; the journal goes on from there; dirty."""
        self.restore_pending = False
        self.undo_stack.clear()
        before = self.document
        self.saved = identified(base)
        self.version = version
        self.document = identified(document)
        self.edited.emit(EditStep(self.tr("Restore"), self.host.frame, before, self.document, ()))
        self._update_dirty()

    # ---- the journal ---------------------------------------------------------------------------------------------

    def _journal(self, write: Callable[[Journal], None]) -> None:
        journal, pool = self.journal, self._journal_pool
        if journal is None or pool is None:
            return

        def run() -> None:
            try:
                write(journal)
            except JournalError as error:
                deliver(self, self._journal_failed, error)
            except Exception as error:  # a bug must not kill the journal's thread silently
                log.exception("journal write failed")
                deliver(self, self._journal_failed, JournalError(str(error)))

        try:
            future = pool.submit(run)
        except RuntimeError:  # closed (the window went): nothing more is journaled
            log.warning("journal of job %s closed; a write was dropped", self.job_id)
            return
        self._journal_writes = [f for f in self._journal_writes if not f.done()]
        self._journal_writes.append(future)

    def after_journal(self, task: Callable[[], None]) -> None:
        """Run ``task`` on the journal's thread once every journal write asked for so far is done (e.g. a copy that
        must never be newer than the journal's). Run at once when there is no journal."""
        if self.journal is None:
            task()
            return
        self._journal(lambda _journal: task())

    def flush_journal(self, timeout: float | None = None) -> bool:
        """Wait until every journal write asked for so far is on disk (tests, closing); False on a timeout."""
        for future in list(self._journal_writes):
            try:
                future.result(timeout)
            except TimeoutError:
                return False
        return True

    def _journal_failed(self, error: JournalError) -> None:
        if isinstance(error, JournalFull):
            text: Callable[[], str] = lambda: self.tr(  # noqa: E731
                "The disk is full: your last edits are kept in memory but not on disk. Save, or free some space."
            )
        else:
            text = lambda: self.tr(  # noqa: E731
                "Your last edits could not be written to the edit journal; they are kept in memory. Save soon."
            )
        self.host.message.emit(Problem(text))

    def close(self) -> None:
        """Stop taking journal writes; those queued still run (their thread ends when they are done)."""
        if self._journal_pool is not None:
            self._journal_pool.shutdown(wait=False)

    # ---- machinery -------------------------------------------------------------------------------------------------

    def _refused_now(self) -> bool:
        if self.read_only:
            self.rejected.emit(Problem(lambda: self.tr("A save is running; edit again when it is done.")))
            return True
        if self.restore_pending:
            self.rejected.emit(
                Problem(lambda: self.tr("Restore or discard the unsaved edits of your last session first."))
            )
            return True
        return False

    def _locked(self, keys: Iterable[ObjectKey]) -> bool:
        if any(key in self.host.locked for key in keys):
            self.rejected.emit(Problem(lambda: self.tr("The object is locked; unlock it to edit it.")))
            return True
        return False

    def _edit(
        self,
        description: str,
        keys: list[ObjectKey],
        change: Callable[[Annotations, int, list[DomainKey]], Annotations],
        *,
        check_lock: bool = True,
    ) -> bool:
        if self._refused_now() or (check_lock and self._locked(keys)):
            return False
        frame = self.host.frame
        domain_keys = [domain_key(key) for key in keys]
        try:
            after = change(self.document, frame, domain_keys)
        except (EditRejected, KeyError) as error:
            self._reject(error)
            return False
        self._push(EditStep(description, frame, self.document, after, tuple(domain_keys)))
        return True

    def _make(self, description: str, change: Callable[[Annotations, int], e.Made]) -> ObjectKey | None:
        made = self._make_many(description, change, checked=[])
        return made[0] if made else None

    def _make_many(
        self, description: str, change: Callable[[Annotations, int], e.Made], *, checked: list[ObjectKey]
    ) -> tuple[ObjectKey, ...] | None:
        if self._refused_now() or self._locked(checked):
            return None
        frame = self.host.frame
        try:
            made = change(self.document, frame)
        except (EditRejected, KeyError) as error:
            self._reject(error)
            return None
        self._push(EditStep(description, frame, self.document, made.annotations, made.keys))
        return tuple(workspace_key(key) for key in made.keys)

    def _push(self, step: EditStep) -> None:
        if step.after is step.before:
            return  # nothing changed (already at the front…): no step
        self.undo_stack.push(_StepCommand(self, step))

    def _apply(self, step: EditStep) -> None:
        """Make ``step`` (its ``before`` is the document now) the document's new state."""
        self.document = step.after
        self._journal(lambda journal: journal.append(self.job_id, step))
        self.edited.emit(step)
        self._update_dirty()

    def _replay(self, step: EditStep, *, forward: bool) -> None:
        """Apply ``step`` (or its inverse) as a delta on the document as it is now; show its frame and objects.

        When the document now *is* the document the step left (nothing came in between: undo and redo go strictly
        back and forth, and only a save brings other changes), that delta gives exactly the step's other side, which
        is taken as it is (the same objects: nothing to parse, and the frame's reader sees what changed at once)."""
        source, target = (step.before, step.after) if forward else (step.after, step.before)
        now = self.document
        after = target if now is source else apply_delta(now, rebased(now, delta(source, target)))
        self._apply(EditStep(step.description, step.frame, now, after, step.objects))
        if self.host.frame != step.frame:
            self.host.go_to(step.frame)
        present = [workspace_key(key) for key in step.objects if self.host.object(workspace_key(key)) is not None]
        self.host.select(present[0] if present else None)

    def _reject(self, error: Exception) -> None:
        reason = error.reason if isinstance(error, EditRejected) else "missing"
        self.rejected.emit(Problem(lambda: self._reason_text(reason)))

    def _reason_text(self, reason: str) -> str:
        texts = {
            "too_small": self.tr("The shape is too small (at least 3×3 pixels)."),
            "outside": self.tr("The shape is outside the image."),
            "point_count": self.tr("The shape has too few (or too many) points."),
            "fixed_points": self.tr("Rectangles and cuboids keep their number of points."),
            "locked": self.tr("The object is locked; use a force delete (Shift+Del) to delete it."),
            "no_geometry": self.tr("A tag has no shape to change."),
            "not_a_track": self.tr("Only tracks have keyframes and an outside flag."),
            "last_keyframe": self.tr("A track keeps at least one keyframe."),
            "before_track": self.tr("The track does not exist yet on this frame."),
            "split_start": self.tr("A track is split after its first keyframe."),
            "same_frame": self.tr("Two of the objects are visible on the same frame."),
            "mixed": self.tr("Only objects of one label and type are merged."),
            "nothing_to_merge": self.tr("Pick the objects to merge first."),
            "bad_value": self.tr("That value is not allowed for this attribute."),
            "unknown_attribute": self.tr("The object's label has no such attribute."),
            "unknown_label": self.tr("The task has no such label."),
            "not_a_poly": self.tr("Only polygons and polylines have an orientation."),
            "not_a_polygon": self.tr("Only polygons have a start point."),
            "missing": self.tr("The object is not in the job any more."),
        }
        text = texts.get(reason)
        return text if text is not None else arg(self.tr("The edit is not allowed (%1)."), reason)


def _occluded(document: Annotations, key: DomainKey, frame: int) -> bool:
    item = find(document, key)[1]
    if isinstance(item, Track):
        return e.state_at(item, frame).occluded
    return bool(getattr(item, "occluded", False))


def _json_id(data: Mapping[str, Any]) -> int | str | None:
    value = data.get(CLIENT_ID)
    return value if isinstance(value, str) else data.get("id")


def rebased(document: Annotations, change: Delta) -> Delta:
    """``change`` (made on another document) fitted to ``document``: a change of an object ``document`` no longer has
    is dropped (another user deleted it), an insertion of one it has becomes a change."""
    kinds = {kind for kind, _ in change.removed} | {kind for kind, _ in change.changed}
    kinds |= {kind for kind, _, _ in change.inserted}
    if not change.changed and not change.inserted:
        return change
    present = {kind: _ids(items_of(document, kind)) for kind in kinds}
    changed = [(kind, data) for kind, data in change.changed if _json_id(data) in present[kind]]
    inserted = []
    for kind, position, data in change.inserted:
        if _json_id(data) in present[kind]:
            changed.append((kind, data))
        else:
            inserted.append((kind, position, data))
    return Delta(change.removed, tuple(changed), tuple(inserted), change.replaced)


def _ids(items: Iterable[Item]) -> set[int | str | None]:
    """The item id (client id, else server id) of every object, inline (a dense frame has ten thousand)."""
    return {local if isinstance(local := item.extra.get(CLIENT_ID), str) else item.id for item in items}


def carry_client_ids(document: Annotations, saved: Annotations) -> Annotations:
    """``saved`` with the client ids ``document`` gives objects of the same server id (the workspace's keys stay
    the same across a save even when the saver's document lost them)."""
    result = saved
    for kind in DOMAIN_KINDS:
        known = {
            item.id: local for item in items_of(document, kind) if item.id is not None and (local := client_id(item))
        }
        if not known:
            continue
        items = items_of(saved, kind)
        if not any(item.id in known and client_id(item) is None for item in items):
            continue
        fixed: tuple[Item, ...] = tuple(
            with_client_id(item, known[item.id]) if item.id in known and client_id(item) is None else item
            for item in items
        )
        result = with_items(result, kind, fixed)
    return result


__all__ = ["UNDO_LIMIT", "EditorHost", "JobEditor", "carry_client_ids", "rebased"]

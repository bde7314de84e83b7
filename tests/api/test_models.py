"""The typed models parse the real CVAT v1.1 answers field for field and tolerate other versions."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from annodesk.api.models import DataMeta, Job, Page, ServerAbout, Task, User, UserRef
from annodesk.api.responses import decoder_for

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "cvat-v1-recorded"


def recorded_body(name: str) -> bytes:
    """The response body of one recorded exchange."""
    return RECORDED.joinpath(name).read_text(encoding="utf-8").split("--- body ---\n", 1)[1].encode()


def assert_same_as_json(model: Any, raw: Any) -> None:
    """Every key of the server's JSON is in the model with the same value (dates compared parsed)."""
    built = msgspec.to_builtins(model)
    if isinstance(raw, dict):
        for key, value in raw.items():
            assert key in built, key
            if key.endswith(("_date", "last_login", "date_joined")) and isinstance(value, str):
                assert msgspec.convert(built[key], datetime) == datetime.fromisoformat(value)
            else:
                assert_same_as_json(getattr(model, key), value)
    elif isinstance(raw, list):
        assert len(built) == len(raw)
        for item, raw_item in zip(model, raw, strict=True):
            assert_same_as_json(item, raw_item)
    else:
        assert built == raw


@pytest.mark.parametrize(
    ("filename", "model"),
    [
        ("17_task1_get.txt", Task),
        ("18_task3_get.txt", Task),
        ("16_tasks_list.txt", Page[Task]),
        ("02_users_self.txt", User),
        ("06_users_list.txt", Page[User]),
        ("20_job_get.txt", Job),
        ("30_job_patch_status.txt", Job),
        ("21_task1_data_meta.txt", DataMeta),
        ("33_server_about.txt", ServerAbout),
    ],
)
def test_recorded_answers_parse_field_for_field(filename: str, model: Any) -> None:
    body = recorded_body(filename)
    parsed = decoder_for(model).decode(body)
    assert_same_as_json(parsed, json.loads(body))


def test_task_from_recording_has_expected_structure() -> None:
    task = decoder_for(Task).decode(recorded_body("17_task1_get.txt"))
    assert task.id == 1 and task.size == 10 and task.has_data
    assert [label.name for label in task.labels] == ["car", "person"]
    input_types = {attr.input_type for label in task.labels for attr in label.attributes}
    assert input_types == {"select", "checkbox", "radio", "number", "text"}
    assert [(s.start_frame, s.stop_frame) for s in task.segments] == [(0, 2), (3, 5), (6, 8), (9, 9)]
    assert [job.id for job in task.jobs] == [1, 2, 3, 4]
    assert task.created_date.tzinfo is not None


def test_task_without_data_lacks_data_keys() -> None:
    raw = json.loads(recorded_body("17_task1_get.txt"))
    for key in ("data_chunk_size", "data_compressed_chunk_type", "data_original_chunk_type", "size"):
        del raw[key]
    raw.update(mode="", overlap=None, segments=[])
    task = decoder_for(Task).decode(json.dumps(raw).encode())
    assert not task.has_data and task.size is None and task.overlap is None and task.jobs == ()


def test_v12_shapes_and_unknown_fields_are_tolerated() -> None:
    raw = json.loads(recorded_body("17_task1_get.txt"))
    raw["owner"] = {"url": "u", "id": 1, "username": "root", "first_name": "", "last_name": ""}
    raw["assignee"] = None
    raw["project_id"] = 7
    raw["dimension"] = "2d"
    raw["brand_new_field"] = {"nested": [1, 2]}
    del raw["z_order"], raw["project"]
    task = decoder_for(Task).decode(json.dumps(raw).encode())
    assert isinstance(task.owner, UserRef) and task.owner_id == 1
    assert task.project_ref == 7 and task.z_order is False


def test_dates_with_offsets_and_without_fraction_parse() -> None:
    raw = json.loads(recorded_body("02_users_self.txt"))
    raw["last_login"] = None
    raw["date_joined"] = "2020-08-01T13:00:00+03:00"
    user = decoder_for(User).decode(json.dumps(raw).encode())
    assert user.last_login is None
    assert user.date_joined == datetime(2020, 8, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("missing", ["id", "name", "labels", "segments", "status"])
def test_missing_required_task_field_is_a_clear_error(missing: str) -> None:
    raw = json.loads(recorded_body("17_task1_get.txt"))
    del raw[missing]
    with pytest.raises(msgspec.ValidationError, match=missing):
        decoder_for(Task).decode(json.dumps(raw).encode())


def test_models_are_immutable() -> None:
    task = decoder_for(Task).decode(recorded_body("17_task1_get.txt"))
    with pytest.raises(AttributeError):
        task.name = "changed"  # type: ignore[misc]
    assert isinstance(task.labels, tuple) and isinstance(task.labels[0].attributes[0].values, tuple)


def test_page_count() -> None:
    page = Page[Task](count=25, results=(), page=1, page_size=10)
    assert page.page_count == 3
    assert Page[Task](count=0, results=()).page_count == 1


def test_display_name_orders_cjk_names_family_first() -> None:
    def user(first: str, last: str) -> User:
        return msgspec.convert({"id": 5, "username": "zw", "first_name": first, "last_name": last}, User)

    assert user("伟", "张").display_name == "张伟 (zw)"
    assert user("Ada", "Lovelace").display_name == "Ada Lovelace (zw)"
    assert user("", "").display_name == "zw"

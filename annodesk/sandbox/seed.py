"""Sample data for a fresh sandbox: users in every group, ~16 varied tasks, and bulk tasks for benchmarks."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from .accounts import AccountStore
from .clock import iso
from .db import Database
from .sample_annotations import seed_dense_frame, seed_video_tracks
from .specs import AttributeSpec, DataSpec, LabelSpec, TaskSpec
from .tasks import TaskStore

# (username, password, groups, first name, last name, e-mail, superuser) — listed in the README.
SAMPLE_USERS: tuple[tuple[str, str, tuple[str, ...], str, str, str, bool], ...] = (
    ("admin", "admin-pass-2024", ("admin",), "Ada", "Admin", "admin@example.com", True),
    ("demo", "demo-pass-2024", ("user",), "Demo", "User", "demo@example.com", False),
    ("alice", "alice-pass-2024", ("user",), "Alice", "Martin", "alice@example.com", False),
    ("bob", "bob-pass-2024", ("annotator",), "Bob", "Novak", "bob@example.com", False),
    ("zhangwei", "zhangwei-pass-2024", ("annotator",), "伟", "张", "zhangwei@example.com", False),
    ("olga", "olga-pass-2024", ("observer",), "Olga", "Petrova", "olga@example.com", False),
    ("guest", "guest-pass-2024", (), "", "", "guest@example.com", False),
)

SELECT, RADIO, CHECKBOX, TEXT, NUMBER = "select", "radio", "checkbox", "text", "number"

VEHICLES = (
    LabelSpec(
        "car",
        "#fa3253",
        (
            AttributeSpec("type", SELECT, ("sedan", "suv", "truck", "bus")),
            AttributeSpec("color", RADIO, ("white", "black", "red", "blue", "other")),
            AttributeSpec("parked", CHECKBOX, ("false",), mutable=True),
            AttributeSpec("plate", TEXT, ("",), mutable=True),
            AttributeSpec("speed", NUMBER, ("0", "200", "5"), mutable=True),
        ),
    ),
    LabelSpec("pedestrian", "#34d1b7", (AttributeSpec("age", RADIO, ("adult", "child", "senior")),)),
    LabelSpec("traffic light", "#ff6037", (AttributeSpec("state", SELECT, ("red", "yellow", "green", "off"), True),)),
)
PEOPLE_ZH = (
    LabelSpec(
        "行人",
        "#3d3df5",
        (
            AttributeSpec("姿态", SELECT, ("站立", "行走", "跑步", "骑行")),
            AttributeSpec("遮挡", CHECKBOX, ("false",), mutable=True),
            AttributeSpec("人数", NUMBER, ("1", "20", "1")),
        ),
    ),
    LabelSpec("车辆", "#b83df5", (AttributeSpec("类型", RADIO, ("轿车", "卡车", "公交车", "自行车")),)),
)
ANIMALS = (
    LabelSpec(
        "deer",
        "#8c78f0",
        (AttributeSpec("count", NUMBER, ("1", "12", "1")), AttributeSpec("notes", TEXT, ("none",), True)),
    ),
    LabelSpec("fox", "#ff007c", (AttributeSpec("night", CHECKBOX, ("true",)),)),
    LabelSpec("bird", "#66ff66"),
)
SHELVES = (
    LabelSpec(
        "product",
        "#fafa37",
        (
            AttributeSpec("brand", TEXT, ("unknown",)),
            AttributeSpec("facing", RADIO, ("front", "side", "back")),
            AttributeSpec("price tag", CHECKBOX, ("true",), mutable=True),
        ),
    ),
    LabelSpec("gap", "#aaf0d1"),
)
DOCUMENTS = (
    LabelSpec(
        "text line",
        "#24b353",
        (
            AttributeSpec("transcript", TEXT, ("",), mutable=True),
            AttributeSpec("language", SELECT, ("en", "zh", "de", "other")),
        ),
    ),
    LabelSpec("total", "#ff355e", (AttributeSpec("amount", NUMBER, ("0", "10000", "1")),)),
)
MEDICAL_ZH = (
    LabelSpec(
        "结节",
        "#f078f0",
        (
            AttributeSpec("良恶性", RADIO, ("待定", "良性", "恶性")),
            AttributeSpec("直径(mm)", NUMBER, ("1", "30", "1"), mutable=True),
        ),
    ),
)
SAFETY = (
    LabelSpec(
        "worker",
        "#ffcc33",
        (
            AttributeSpec("helmet", CHECKBOX, ("true",), mutable=True),
            AttributeSpec("vest", CHECKBOX, ("false",), mutable=True),
        ),
    ),
    LabelSpec("crane", "#5986b3"),
)
SPORTS = (
    LabelSpec(
        "player",
        "#ff9933",
        (AttributeSpec("team", RADIO, ("home", "away")), AttributeSpec("number", TEXT, ("0",), mutable=True)),
    ),
    LabelSpec("ball", "#e6194b"),
)
CROPS_ZH = (
    LabelSpec(
        "叶片",
        "#33ddff",
        (AttributeSpec("病害", SELECT, ("健康", "锈病", "白粉病", "叶斑病")), AttributeSpec("备注", TEXT, ("",))),
    ),
)
PARCELS_ZH = (
    LabelSpec(
        "包裹",
        "#c8a2c8",
        (AttributeSpec("破损", CHECKBOX, ("false",)), AttributeSpec("尺寸", SELECT, ("小", "中", "大"))),
    ),
    LabelSpec("面单", "#808000"),
)


def sample_tasks(users: dict[str, int], start: datetime) -> list[TaskSpec]:
    """The sample tasks (ids follow this order). Some are hidden from each non-admin user on purpose."""
    admin, demo, alice, bob, zw = (users[name] for name in ("admin", "demo", "alice", "bob", "zhangwei"))
    a, v, c = "annotation", "validation", "completed"

    def when(days: float) -> str:
        return iso(start + timedelta(days=days))

    def task(name: str, day: float, **kwargs: object) -> TaskSpec:
        return TaskSpec(name=name, created=when(day), updated=when(day + 0.4), **kwargs)  # type: ignore[arg-type]

    return [
        task(
            "Street cars — Berlin",
            0,
            owner_id=alice,
            labels=VEHICLES,
            data=DataSpec(120),
            segment_size=50,
            jobs=((bob, a), (zw, v), (None, c)),
            bug_tracker="https://tracker.example.com/issues/101",
        ),
        task(
            "城市街景 · 上海 行人检测",
            3,
            owner_id=zw,
            assignee_id=zw,
            labels=PEOPLE_ZH,
            data=DataSpec(80, 1920, 1080),
            segment_size=40,
            jobs=((zw, a), (zw, v)),
        ),
        task(
            "Parking lot night shift",
            6,
            owner_id=demo,
            assignee_id=bob,
            labels=VEHICLES[:1],
            data=DataSpec(60, 1024, 768, image_quality=50),
            segment_size=20,
            jobs=((bob, c),),
        ),
        task(
            "Wildlife camera traps",
            9,
            owner_id=alice,
            assignee_id=alice,
            labels=ANIMALS,
            data=DataSpec(45, 800, 600),
            segment_size=15,
            jobs=((alice, a), (alice, c), (alice, v)),
        ),
        task("交通标志识别 (待上传数据)", 12, owner_id=admin, labels=VEHICLES[2:]),
        task(
            "Drone footage — harbour",
            15,
            owner_id=demo,
            assignee_id=demo,
            labels=VEHICLES[:1] + ANIMALS[2:],
            data=DataSpec(300, 1280, 720, video=True, name_pattern="video/harbour.mp4"),
            segment_size=100,
            jobs=((demo, a), (bob, v), (None, a)),
            bug_tracker="https://tracker.example.com/issues/215",
        ),
        task(
            "Retail shelves inventory",
            18,
            owner_id=bob,
            labels=SHELVES,
            data=DataSpec(36, 1600, 1200),
            segment_size=12,
            jobs=((bob, c), (None, c), (zw, c)),
        ),
        task(
            "医学影像 · 肺结节标注",
            21,
            owner_id=admin,
            assignee_id=zw,
            labels=MEDICAL_ZH,
            data=DataSpec(24, 512, 512, image_quality=90),
            jobs=((zw, v),),
        ),
        task(
            "Kitchen objects (demo)",
            24,
            owner_id=demo,
            labels=SHELVES[:1] + ANIMALS[2:],
            data=DataSpec(24, 640, 480),
            jobs=((None, a),),
        ),
        task(
            "Construction site safety helmets",
            27,
            owner_id=alice,
            assignee_id=bob,
            labels=SAFETY,
            data=DataSpec(90, 1920, 1080),
            segment_size=30,
            overlap=2,
            jobs=((bob, a), (bob, a), (None, v)),
        ),
        task(
            "农田作物病害巡检",
            30,
            owner_id=zw,
            labels=CROPS_ZH,
            data=DataSpec(40, 1024, 1024),
            segment_size=20,
            jobs=((zw, v), (None, c)),
        ),
        task(
            "Receipts OCR",
            33,
            owner_id=demo,
            assignee_id=alice,
            labels=DOCUMENTS,
            data=DataSpec(16, 600, 1000),
            segment_size=8,
            jobs=((alice, c), (demo, a)),
            z_order=True,
        ),
        task(
            "Sports: basketball players",
            36,
            owner_id=bob,
            assignee_id=demo,
            labels=SPORTS,
            data=DataSpec(150, 1280, 720, video=True, name_pattern="video/game.mp4"),
            segment_size=50,
            overlap=5,
            jobs=((demo, a), (demo, c), (bob, a), (None, a)),
        ),
        task(
            "Satellite rooftops",
            39,
            owner_id=admin,
            assignee_id=alice,
            labels=(LabelSpec("roof", "#fa32b7", (AttributeSpec("material", SELECT, ("tile", "metal", "flat")),)),),
            data=DataSpec(20, 1024, 1024),
            jobs=((alice, a),),
        ),
        task(
            "快递包裹分拣 Parcel sorting",
            42,
            owner_id=alice,
            labels=PARCELS_ZH,
            data=DataSpec(30, 1280, 960),
            segment_size=10,
            jobs=((None, a), (zw, v), (bob, c)),
        ),
        task("Empty draft — labels only", 45, owner_id=demo, assignee_id=alice, labels=DOCUMENTS[:1]),
    ]


def generated_tasks(count: int, users: dict[str, int], start: datetime, first_number: int = 1) -> list[TaskSpec]:
    """``count`` varied tasks for benchmarks (deterministic)."""
    rng = random.Random(first_number)
    user_ids = [users[name] for name in ("admin", "demo", "alice", "bob", "zhangwei")]
    templates = (VEHICLES, PEOPLE_ZH, ANIMALS, SHELVES, DOCUMENTS, SAFETY, SPORTS, CROPS_ZH)
    words = ("street", "harbour", "城市", "camera", "warehouse", "农田", "drone", "night", "documents", "工地")
    statuses = ("annotation", "validation", "completed")
    specs = []
    for offset in range(count):
        number = first_number + offset
        size = rng.choice((10, 20, 50, 100, 200))
        segment = rng.choice((0, 10, 50))
        created = iso(start + timedelta(minutes=7 * number))
        specs.append(
            TaskSpec(
                name=f"{rng.choice(words)} batch {number:05d}",
                owner_id=rng.choice(user_ids),
                assignee_id=rng.choice([None, None, *user_ids]),
                labels=rng.choice(templates),
                data=DataSpec(size, 1280, 720),
                segment_size=segment,
                jobs=tuple((rng.choice([None, *user_ids]), rng.choice(statuses)) for _ in range(3)),
                created=created,
                updated=created,
            )
        )
    return specs


def seed(db: Database, *, with_samples: bool, generate: int) -> None:
    """Fill an empty database with the sample users and tasks, then top generated tasks up to ``generate``."""
    accounts, tasks = AccountStore(db), TaskStore(db)
    with db.read() as conn:
        seeded = conn.execute("SELECT value FROM meta WHERE key = 'seeded'").fetchone()
    start = datetime.now(UTC) - timedelta(days=60)
    if seeded is None:
        for username, password, groups, first, last, email, superuser in SAMPLE_USERS:
            accounts.create_user(
                username,
                password,
                first_name=first,
                last_name=last,
                email=email,
                groups=groups,
                is_superuser=superuser,
                date_joined=iso(start - timedelta(days=30)),
            )
        users = {user.username: user.id for user in accounts.all_users()}
        if with_samples:
            tasks.add_tasks(sample_tasks(users, start))
            seed_video_tracks(db)
            seed_dense_frame(db)
        with db.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('seeded', ?), ('generated', '0')", (iso(start),))
    with db.read() as conn:
        done = int(conn.execute("SELECT value FROM meta WHERE key = 'generated'").fetchone()[0])
    if generate > done:
        users = {user.username: user.id for user in accounts.all_users()}
        tasks.add_tasks(generated_tasks(generate - done, users, start, first_number=done + 1))
        with db.write() as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'generated'", (str(generate),))

"""Run CVAT v1.1.0's own AnnotationIR.slice and AnnotationManager.merge on cases read from stdin (JSON); needs
numpy, scipy, shapely and CVAT's cvat/apps/dataset_manager/annotation.py on PYTHONPATH (with stubs for
cvat.apps.engine.models.ShapeType and serializers). Local verification only; see compare.py."""

import copy
import json
import sys

from cvat.apps.dataset_manager.annotation import AnnotationIR, AnnotationManager


def plain(value):
    return value.tolist() if hasattr(value, "tolist") else str(value)


def run(case):
    parts = case.get("parts")
    if parts is None:  # cut the task's data as the server does, else merge the given jobs' parts
        parts = []
        for start, stop in case["segments"]:
            part = AnnotationIR(copy.deepcopy(case["data"])).slice(start, stop)
            parts.append({"tags": part.tags, "shapes": part.shapes, "tracks": part.tracks})
        parts = json.loads(json.dumps(parts, default=plain))
    merged = AnnotationIR()
    for (start, _), part in zip(case["segments"], copy.deepcopy(parts), strict=True):
        AnnotationManager(merged).merge(AnnotationIR(part), start, case["overlap"])
    return {"parts": parts, "merged": json.loads(json.dumps(merged.data, default=plain))}


cases = json.load(sys.stdin)
out = []
for case in cases:
    try:
        out.append(run(case))
    except Exception as error:  # the server's own failures (500s)
        out.append({"error": f"{type(error).__name__}: {error}"})
json.dump(out, sys.stdout)

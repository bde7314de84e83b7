// Differential oracle for scripts/cvat_core_oracle/make_golden.py: reads cases on stdin and answers with what
// CVAT v1.1.0's own cvat-core Track classes show at each frame (needs cvat-core's sources beside it).
const objs = require('./cvat-core/src/annotations-objects.js');
const { Label } = require('./cvat-core/src/labels.js');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const classes = { rectangle: objs.RectangleTrack, polygon: objs.PolygonTrack, polyline: objs.PolylineTrack,
  points: objs.PointsTrack, cuboid: objs.CuboidTrack };
const out = input.map(({ labels, track, frames }) => {
  const labelMap = {};
  for (const l of labels) labelMap[l.id] = new Label(l);
  const injection = { labels: labelMap, history: { do() {} }, groupColors: {}, groups: { max: 0 }, frameMeta: {} };
  const model = new classes[track.shapes[0].type](JSON.parse(JSON.stringify(track)), 1, '#000000', injection);
  return frames.map((f) => {
    const s = model.get(f);
    return { points: s.points, occluded: s.occluded, outside: s.outside, z_order: s.zOrder, keyframe: s.keyframe,
      attributes: s.attributes };
  });
});
process.stdout.write(JSON.stringify(out));

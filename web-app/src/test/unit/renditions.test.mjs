import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayImage, gridImage } from '../../main/web/app/renditions.js';

const size = (name, width, height) => ({ width, height, url: `/v1/photos/p/content?size=${name}` });
const ready = {
  content_url: '/v1/photos/p/content',
  sizes_state: 'ready',
  sizes: {
    thumb: size('thumb', 150, 150),
    small: size('small', 320, 240),
    medium: size('medium', 640, 480),
    large: size('large', 1080, 810),
  },
};

test('a whole photo uses small, medium and large by width, medium by default', () => {
  assert.deepEqual(displayImage(ready), {
    src: '/v1/photos/p/content?size=medium',
    srcset:
      '/v1/photos/p/content?size=small 320w, /v1/photos/p/content?size=medium 640w, /v1/photos/p/content?size=large 1080w',
    width: 640,
    height: 480,
  });
});

test('a grid cell starts from the square thumbnail', () => {
  const image = gridImage(ready);
  assert.equal(image.src, '/v1/photos/p/content?size=thumb');
  assert.equal(image.srcset.split(', ').length, 3);
  assert.ok(!image.srcset.includes('large'));
});

test('only the sizes built are used: a small photo has no large', () => {
  const small = { sizes: { thumb: size('thumb', 150, 150), small: size('small', 300, 200) } };
  assert.equal(displayImage(small).src, '/v1/photos/p/content?size=small');
  assert.equal(displayImage(small).srcset, '/v1/photos/p/content?size=small 300w');
});

test('never the original: nothing while renditions are pending or failed', () => {
  assert.equal(displayImage({ ...ready, sizes: {}, sizes_state: 'pending' }), null);
  assert.equal(gridImage({ ...ready, sizes: {}, sizes_state: 'failed' }), null);
  for (const image of [displayImage(ready), gridImage(ready)]) {
    assert.ok(image.srcset.split(', ').every((entry) => entry.includes('?size=')));
  }
});

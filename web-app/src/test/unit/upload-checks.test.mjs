import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFile, megabytes, titleFromName } from '../../main/web/app/upload-checks.js';

const MB = 1024 * 1024;
const bytes = (...values) => Uint8Array.from([...values, ...new Array(12).fill(0)].slice(0, 12));
const text = (s) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

test('the four types the API takes pass, judged by their bytes', () => {
  assert.equal(checkFile(1000, JPEG, 20 * MB), null);
  assert.equal(checkFile(1000, PNG, 20 * MB), null);
  assert.equal(checkFile(1000, text('GIF89a......'), 20 * MB), null);
  assert.equal(checkFile(1000, text('RIFF\0\0\0\0WEBP'), 20 * MB), null);
});

test('anything else, or nothing, is unsupported', () => {
  assert.match(checkFile(1000, text('%PDF-1.7....'), 20 * MB), /^Not a supported image: .*JPEG, PNG, GIF and WebP/);
  assert.match(checkFile(1000, text('RIFF\0\0\0\0WAVE'), 20 * MB), /^Not a supported image/);
  assert.match(checkFile(0, new Uint8Array(0), 20 * MB), /^Not a supported image/);
});

test('over the cap is too large, with both sizes', () => {
  assert.equal(checkFile(20 * MB, JPEG, 20 * MB), null);
  assert.equal(checkFile(20 * MB + 1, JPEG, 20 * MB), 'Too large: 20 MB. Photos can be up to 20 MB.');
  assert.equal(checkFile(25.4 * MB, JPEG, 20 * MB), 'Too large: 25 MB. Photos can be up to 20 MB.');
  assert.equal(checkFile(1.5 * MB, PNG, MB), 'Too large: 1.5 MB. Photos can be up to 1 MB.');
});

test('sizes read the way people say them', () => {
  assert.equal(megabytes(900 * 1024), '900 KB');
  assert.equal(megabytes(100), '1 KB');
  assert.equal(megabytes(2.25 * MB), '2.3 MB');
});

test('titles come from file names', () => {
  assert.equal(titleFromName('IMG_2041 lisbon.jpg'), 'IMG 2041 lisbon');
  assert.equal(titleFromName('.jpeg'), 'Untitled');
  assert.equal(titleFromName('a'.repeat(300) + '.png').length, 200);
});

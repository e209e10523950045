// End-to-end flows of the web app in Debian's chromium, driven by playwright-core. Run by
// serving-api's WebAppIT against a real stack (read and write servers on separate origins, and the
// workers); it prints each step and exits non-zero at the first failure (with a screenshot).
//
// Environment: PICSHARE_URL (the read server: the page), PICSHARE_WRITE_URL, PICSHARE_CHROMIUM,
// PICSHARE_FILES (lisbon.jpg, markup.jpg, extra-0…3.jpg; huge.png over the cap, notes.jpg not an
// image, broken.jpg a JPEG cut short, which only the server can tell), PICSHARE_SCREENSHOTS (where
// screenshots go), PICSHARE_RUN (makes names unique).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const BASE = env('PICSHARE_URL');
const WRITE = env('PICSHARE_WRITE_URL');
const FILES = env('PICSHARE_FILES');
const SHOTS = env('PICSHARE_SCREENSHOTS');
const RUN = env('PICSHARE_RUN');
const PASSWORD = 'correct horse battery staple';
const ANA = `ana_${RUN}`;
const BEN = `ben_${RUN}`;
const LISBON = `Sunset over Lisbon ${RUN}`;
const MARKUP = `<img src=x onerror=alert(1)> ${RUN}`;
const EXTRA = 12; // more than a feed page (12) with the two above: the feed must load a second page
const DESKTOP = { viewport: { width: 1280, height: 860 } };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

const problems = [];
const started = Date.now();

const browser = await chromium.launch({
  executablePath: env('PICSHARE_CHROMIUM'),
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

/** A browser context of one person, watched for what must never happen. */
async function person(name, options) {
  const context = await browser.newContext({ ...options, baseURL: BASE });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('dialog', async (dialog) => {
    problems.push(`${name}: a ${dialog.type()} dialog opened ("${dialog.message()}"): script ran`);
    await dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`${name}: uncaught ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Trusted Type|Refused to/i.test(text)) problems.push(`${name}: ${text}`);
  });
  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('websocket', (socket) => urls.push(socket.url()));
  return { name, context, page, urls };
}

let current = null;
async function step(title, action) {
  const at = Date.now();
  try {
    await action();
    if (problems.length) throw new Error(problems.join('\n'));
    console.log(`ok   ${title} (${Date.now() - at} ms)`);
  } catch (error) {
    console.log(`FAIL ${title}: ${error.stack ?? error}`);
    if (current) await current.page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
    await browser.close();
    process.exit(1);
  }
}

// JPEG: the test photos are noise-heavy, which PNG cannot compress
const shot = (who, name) => who.page.screenshot({ path: join(SHOTS, `${name}.jpg`), type: 'jpeg', quality: 80 });
const heading = (page) => page.locator('main .view-heading');

/** Every image has a text alternative; every form field a label. */
async function accessible(page) {
  const missing = await page.evaluate(() => {
    const found = [];
    for (const img of document.querySelectorAll('img')) if (!img.getAttribute('alt')) found.push(`img ${img.src}`);
    for (const input of document.querySelectorAll('input, select, textarea')) {
      if (input.type !== 'hidden' && input.labels.length === 0 && !input.getAttribute('aria-label')) {
        found.push(`input ${input.name}`);
      }
    }
    for (const button of document.querySelectorAll('button')) {
      if (!button.textContent.trim() && !button.getAttribute('aria-label')) found.push('button without a name');
    }
    return found;
  });
  assert.deepEqual(missing, [], 'unlabelled elements');
}

/** Reloads until locator shows (the workers index and fan out within seconds). */
async function eventually(who, locator, what, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (await locator.count()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not appear within ${seconds} s`);
    await who.page.waitForTimeout(1000);
    await who.page.reload();
    await who.page.waitForLoadState('networkidle');
  }
}

async function signUp(who, username) {
  await who.page.goto('/');
  await who.page.getByRole('link', { name: 'Create an account' }).click();
  await who.page.getByLabel('Username').fill(username);
  await who.page.getByLabel('Password').fill(PASSWORD);
  await accessible(who.page);
  await who.page.getByRole('button', { name: 'Sign up' }).click();
  await heading(who.page).filter({ hasText: 'Your feed' }).waitFor();
  await who.page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function logIn(who, username, path = '/login') {
  await who.page.goto(path);
  await who.page.getByLabel('Username').fill(username);
  await who.page.getByLabel('Password').fill(PASSWORD);
  await who.page.getByRole('button', { name: 'Log in' }).click();
  await who.page.getByRole('button', { name: 'Log out' }).waitFor();
}

const token = (who) => who.page.evaluate(() => JSON.parse(localStorage.getItem('picshare.session')).token);

const ana = await person('ana', DESKTOP);
const ben = await person('ben', DESKTOP);
let lisbonId;
let markupId;

await step('the page and its assets carry a strict CSP and long-lived caching', async () => {
  current = ana;
  const assets = [];
  ana.page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/assets/')) assets.push(response);
  });
  const response = await ana.page.goto('/');
  const headers = response.headers();
  assert.equal(headers['cache-control'], 'no-cache');
  assert.match(headers['content-security-policy'], /script-src 'self';/);
  assert.match(headers['content-security-policy'], new RegExp(`connect-src 'self' ${WRITE};`));
  assert.doesNotMatch(headers['content-security-policy'], /unsafe/);
  await heading(ana.page).waitFor();
  assert.ok(assets.length >= 2, `assets loaded: ${assets.map((a) => a.url())}`);
  for (const asset of assets) {
    assert.match(new URL(asset.url()).pathname, /^\/assets\/[a-z]+-[A-Za-z0-9]{8,}\.(js|css|svg)$/);
    assert.equal(asset.headers()['cache-control'], 'public, max-age=31536000, immutable');
  }
  assert.equal(await ana.page.locator('.bell').isVisible(), false, 'no notifications before logging in');
  await accessible(ana.page);
  await shot(ana, 'welcome-desktop');
});

await step('ana and ben sign up (writes go to the write server, across origins)', async () => {
  current = ana;
  await signUp(ana, ANA);
  current = ben;
  await signUp(ben, BEN);
  assert.ok(ana.urls.some((url) => url.startsWith(`${WRITE}/v1/users`)), 'sign-up went to the write server');
  await ben.page.getByText('Nothing here yet').waitFor();
});

await step('the keyboard reaches the skip link first, and it leads to the content', async () => {
  current = ben;
  await ben.page.goto('/search');
  await ben.page.keyboard.press('Tab');
  assert.equal(await ben.page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await ben.page.keyboard.press('Enter');
  assert.equal(await ben.page.evaluate(() => document.activeElement.id), 'main');
});

await step('ben finds ana by name and follows her; she hears of it live', async () => {
  current = ben;
  await ana.page.locator('.bell.live').waitFor();
  await ben.page.goto('/search');
  await ben.page.getByLabel('Search photos and people').fill(ANA.slice(0, 6));
  await ben.page.getByLabel('Search photos and people').press('Enter');
  await ben.page.getByRole('link', { name: `@${ANA}` }).click();
  await heading(ben.page).filter({ hasText: `@${ANA}` }).waitFor();
  const follow = ben.page.getByRole('button', { name: `Follow @${ANA}` });
  assert.equal(await follow.getAttribute('aria-pressed'), 'false');
  await follow.click();
  await ben.page.getByRole('button', { name: `Unfollow @${ANA}` }).waitFor();
  await ben.page.getByRole('link', { name: '1 follower' }).waitFor();
  current = ana;
  await ana.page.locator('.toast', { hasText: `${BEN} followed you` }).waitFor();
  await ana.page.getByRole('button', { name: 'Notifications, 1 new' }).waitFor();
});

await step('ana uploads two photos at once; a too-large and a non-image file are refused before sending, a broken one by the server', async () => {
  current = ana;
  await ana.page.getByRole('link', { name: 'Upload', exact: true }).click();
  await heading(ana.page).filter({ hasText: 'Upload photos' }).waitFor();
  await ana.page.getByLabel('Choose photos').setInputFiles(
    ['lisbon.jpg', 'markup.jpg', 'huge.png', 'notes.jpg', 'broken.jpg'].map((name) => join(FILES, name)),
  );
  const items = ana.page.locator('.upload-item');
  await items.nth(4).waitFor();
  await items.nth(2).getByText(/^Too large: [\d.]+ MB\. Photos can be up to 1 MB\.$/).waitFor();
  await items.nth(3).getByText('Not a supported image').waitFor();
  for (const i of [0, 1]) {
    const preview = items.nth(i).locator('img.preview');
    assert.match(await preview.getAttribute('src'), /^blob:/);
    assert.ok(await preview.evaluate((img) => img.complete && img.naturalWidth > 0), 'the preview shows');
  }
  await items.nth(0).getByLabel('Title').fill(LISBON);
  await items.nth(1).getByLabel('Title').fill(MARKUP);
  await accessible(ana.page);
  await shot(ana, 'upload-desktop');
  await ana.page.getByRole('button', { name: 'Upload 3 photos' }).click();
  await ana.page.getByText('2 uploaded, 1 not uploaded.').waitFor({ timeout: 30000 });
  await items.nth(4).getByText(/^This image cannot be read/).waitFor();
  assert.equal(await items.nth(4).getByLabel('Title').isDisabled(), true, 'refused for good: no retry');
  for (const i of [0, 1]) {
    assert.equal(await items.nth(i).locator('progress').evaluate((bar) => bar.value), 1);
  }
  assert.ok(ana.urls.includes(`${WRITE}/v1/photos`), 'the uploads went to the write server');
  const links = items.getByRole('link', { name: 'View photo' });
  lisbonId = (await links.nth(0).getAttribute('href')).split('/').pop();
  markupId = (await links.nth(1).getAttribute('href')).split('/').pop();
  await links.nth(1).click();
});

await step('a title that is markup shows as text and runs nothing', async () => {
  current = ana;
  await heading(ana.page).filter({ hasText: MARKUP }).waitFor();
  assert.equal(await heading(ana.page).textContent(), MARKUP);
  assert.equal(await ana.page.locator('img[src="x"]').count(), 0);
  const photo = ana.page.getByRole('img', { name: MARKUP });
  await photo.waitFor({ timeout: 20000 });
  assert.equal(await ana.page.getByRole('button', { name: 'Delete photo' }).count(), 1);
});

await step('ana uploads more photos (through the API) so that the feed has pages', async () => {
  const bearer = await token(ana);
  for (let i = 1; i <= EXTRA; i++) {
    const bytes = readFileSync(join(FILES, `extra-${i % 4}.jpg`));
    const form = new FormData();
    form.append('title', `Harbour walk ${i} ${RUN}`);
    form.append('file', new Blob([bytes], { type: 'image/jpeg' }), `extra-${i % 4}.jpg`);
    const response = await fetch(`${WRITE}/v1/photos`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}` },
      body: form,
    });
    assert.equal(response.status, 201, await response.text());
  }
});

await step('ben sees her photos in his feed, scrolls for more, and likes one; ana hears of it live', async () => {
  current = ben;
  await ben.page.goto('/?order=recent');
  const newest = ben.page.locator('.card', { hasText: `Harbour walk ${EXTRA} ${RUN}` });
  await eventually(ben, newest, "ana's newest photo in ben's recent feed");
  const cards = ben.page.locator('.cards > .card');
  await cards.nth(11).waitFor();
  await ben.page.locator('.sentinel').scrollIntoViewIfNeeded();
  await cards.nth(13).waitFor();
  assert.equal(await ben.page.getByText(MARKUP, { exact: true }).count(), 1, 'the markup title is text in the feed');
  const card = ben.page.locator('.card', { hasText: LISBON });
  await card.scrollIntoViewIfNeeded();
  const like = card.getByRole('button', { name: `Like “${LISBON}”` });
  await like.click();
  await card.getByText('1 like', { exact: true }).waitFor();
  assert.equal(await like.getAttribute('aria-pressed'), 'true');
  await ben.page.getByRole('link', { name: 'Top', exact: true }).click();
  await cards.nth(3).waitFor();
  await ben.page.evaluate(() => window.scrollTo(0, 0));
  await shot(ben, 'feed-desktop');
  current = ana;
  await ana.page.locator('.toast', { hasText: `${BEN} liked your photo` }).waitFor();
  await ana.page.getByRole('button', { name: /^Notifications, 2 new$/ }).click();
  await ana.page.getByRole('region', { name: 'Notifications' }).getByText(`${BEN} followed you`).waitFor();
  await shot(ana, 'notifications-desktop');
  await ana.page.keyboard.press('Escape');
});

await step("ben's photo page uses display sizes only, keeps the like, and unlikes by keyboard", async () => {
  current = ben;
  await ben.page.goto(`/photos/${lisbonId}`);
  const image = ben.page.getByRole('img', { name: LISBON });
  await image.waitFor();
  const srcset = await image.getAttribute('srcset');
  for (const size of ['small', 'medium', 'large']) assert.ok(srcset.includes(`size=${size}`), srcset);
  await image.evaluate((img) => img.decode());
  assert.match(await image.evaluate((img) => img.currentSrc), /content\?size=(small|medium|large)$/);
  assert.equal(await ben.page.getByRole('button', { name: 'Delete photo' }).count(), 0);
  await ben.page.getByRole('link', { name: `@${ANA}` }).waitFor();
  const like = ben.page.getByRole('button', { name: `Like “${LISBON}”` });
  assert.equal(await like.getAttribute('aria-pressed'), 'true');
  await shot(ben, 'photo-desktop');
  await like.focus();
  await ben.page.keyboard.press('Enter');
  await ben.page.getByText('0 likes').waitFor();
  await ben.page.locator('button.like:not([data-busy])').waitFor();
  await ben.page.keyboard.press('Space');
  await ben.page.getByText('1 like', { exact: true }).waitFor();
  await ben.page.locator('button.like:not([data-busy])').waitFor();
  const originals = [...ana.urls, ...ben.urls].filter((url) => /\/content(\?(?!.*size=)|$)/.test(url));
  assert.deepEqual(originals, [], 'no page asked for an original');
});

await step('search finds photos by the words of their title', async () => {
  current = ben;
  await ben.page.goto(`/search?q=${encodeURIComponent(`lisbon sunsets ${RUN}`)}`);
  await eventually(ben, ben.page.getByRole('link', { name: LISBON }), 'the photo in search results');
  await ben.page.getByRole('img', { name: LISBON }).waitFor();
  await ben.page.locator('main .paged[data-state="done"]').waitFor();
  assert.equal(await ben.page.getByRole('button', { name: 'Load more' }).isVisible(), false, 'one page: nothing more to load');
  await accessible(ben.page);
  await shot(ben, 'search-desktop');
});

await step("profiles list photos, followers and following; unfollow and follow again", async () => {
  current = ben;
  await ben.page.goto(`/users/${ANA}`);
  await ben.page.getByText(`${EXTRA + 2} photos`).waitFor();
  await ben.page.locator('.grid-cell').nth(EXTRA + 1).waitFor();
  const unfollow = ben.page.getByRole('button', { name: `Unfollow @${ANA}` });
  await unfollow.click();
  await ben.page.getByRole('link', { name: '0 followers' }).waitFor();
  await ben.page.getByRole('button', { name: `Follow @${ANA}` }).click();
  await ben.page.getByRole('link', { name: '1 follower' }).waitFor();
  await accessible(ben.page);
  await shot(ben, 'profile-desktop');
  await ben.page.getByRole('link', { name: '1 follower' }).click();
  await heading(ben.page).filter({ hasText: `Followers of @${ANA}` }).waitFor();
  await ben.page.getByRole('link', { name: `@${BEN}` }).click();
  await heading(ben.page).filter({ hasText: `@${BEN}` }).waitFor();
  await ben.page.getByRole('link', { name: '1 following' }).click();
  await heading(ben.page).filter({ hasText: `@${BEN} follows` }).waitFor();
  await ben.page.getByRole('link', { name: `@${ANA}` }).waitFor();
});

await step('ana deletes a photo; it is gone for everyone', async () => {
  current = ana;
  await ana.page.goto(`/photos/${markupId}`);
  await ana.page.getByRole('button', { name: 'Delete photo' }).click();
  const dialog = ana.page.getByRole('dialog', { name: 'Delete this photo?' });
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await ana.page.getByText('Photo deleted.').waitFor();
  await ana.page.getByText(`${EXTRA + 1} photos`).waitFor();
  current = ben;
  await ben.page.goto(`/photos/${markupId}`);
  await heading(ben.page).filter({ hasText: 'Not found' }).waitFor();
});

await step('phone layout: navigation at the bottom, nothing wider than the screen', async () => {
  const phone = await person('ben on a phone', PHONE);
  current = phone;
  await logIn(phone, BEN, '/login?next=%2F%3Forder%3Dtop');
  await phone.page.locator('.card img').first().waitFor();
  const nav = await phone.page.locator('nav.primary').boundingBox();
  assert.ok(Math.abs(nav.y + nav.height - PHONE.viewport.height) < 2, `nav at ${JSON.stringify(nav)}`);
  const overflow = () => phone.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(await overflow(), false, 'the feed fits the screen');
  await shot(phone, 'feed-phone');
  await phone.page.goto(`/photos/${lisbonId}`);
  await phone.page.getByRole('img', { name: LISBON }).waitFor();
  assert.equal(await overflow(), false, 'the photo page fits the screen');
  await shot(phone, 'photo-phone');
  await phone.page.goto(`/users/${ANA}`);
  await phone.page.locator('.grid-cell').nth(3).waitFor();
  await phone.page.waitForLoadState('networkidle');
  await shot(phone, 'profile-phone');
  await phone.page.goto('/upload');
  await phone.page.getByLabel('Choose photos').setInputFiles([join(FILES, 'lisbon.jpg'), join(FILES, 'huge.png')]);
  await phone.page.locator('.upload-item').nth(1).waitFor();
  assert.equal(await overflow(), false, 'the upload page fits the screen');
  await shot(phone, 'upload-phone');
  await phone.context.close();
});

await step('log out forgets the token; a page that needs it asks to log in and comes back', async () => {
  current = ana;
  const bearer = await token(ana);
  const all = [...ana.urls, ...ben.urls];
  assert.deepEqual(all.filter((url) => url.includes(bearer) || /token|bearer/i.test(url)), [], 'no token in a URL');
  await ana.page.getByRole('button', { name: 'Log out' }).click();
  await ana.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).waitFor();
  assert.equal(await ana.page.evaluate(() => localStorage.getItem('picshare.session')), null);
  await ana.page.goto('/upload');
  await ana.page.waitForURL(/\/login\?next=%2Fupload$/);
  await logIn(ana, ANA, ana.page.url());
  await heading(ana.page).filter({ hasText: 'Upload photos' }).waitFor();
  await ana.page.getByRole('button', { name: 'Log out' }).click();
  await ana.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).waitFor();
});

await browser.close();
console.log(`all flows passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

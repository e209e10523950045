#!/usr/bin/env python3
"""End-to-end checks of a PicShare cluster, through its gateway only (Python 3.11 stdlib).

  journey   two fresh users: follow, upload, read back, feed, search, renditions, like
  load      upload and read for N seconds (run it while a host is lost); record every ack
  verify    every upload `load` recorded as acknowledged is there, byte for byte

Every request goes to --gateway (the nginx in front of the API; docs: ansible/docs/gateway.md,
docs/api.md) with a timeout. Exit status 0 means the check passed; anything else prints the
reason on stderr.
"""
import argparse
import concurrent.futures
import hashlib
import http.client
import json
import os
import pathlib
import random
import ssl
import string
import struct
import sys
import threading
import time
import urllib.parse
import uuid

REPO = pathlib.Path(__file__).resolve().parents[2]
# Real JPEG files of the repository (the web app's screenshots; none carries EXIF of its own).
JOURNEY_JPEG = REPO / "docs/screenshots/photo-desktop.jpg"
LOAD_JPEG = REPO / "docs/screenshots/search-desktop.jpg"
# The GPS position written into the journey photo's EXIF: Lisbon.
GPS_LAT, GPS_LON = 38.7223, -9.1393


class CheckFailed(Exception):
    """A check did not hold; the message says which and what was seen."""


class TransportError(Exception):
    """No HTTP answer: connection refused or reset, TLS failure, timeout."""


# ---- HTTP -----------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError as e:
            raise CheckFailed(f"HTTP {self.status}: not JSON: {self.body[:200]!r}") from e

    def retry_after(self, default=1.0):
        try:
            return max(0.0, float(self.header("retry-after", default)))
        except ValueError:
            return default

    def describe(self):
        text = self.body[:300].decode("utf-8", "replace")
        return f"HTTP {self.status} {text}"


class Gateway:
    """One HTTPS origin; a new connection per request (simple, and every request is routed anew)."""

    def __init__(self, url, cacert=None, check_hostname=True, insecure=False, timeout=30.0):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise SystemExit(f"--gateway must be http(s)://host[:port], not {url!r}")
        self.scheme = parsed.scheme
        self.host = parsed.hostname
        self.port = parsed.port or (443 if parsed.scheme == "https" else 80)
        self.timeout = timeout
        self.context = None
        if parsed.scheme == "https":
            self.context = ssl.create_default_context(cafile=cacert)
            if insecure:
                self.context.check_hostname = False
                self.context.verify_mode = ssl.CERT_NONE
            elif not check_hostname:
                self.context.check_hostname = False

    def request(self, method, path, body=None, headers=None, token=None, timeout=None):
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        timeout = timeout or self.timeout
        if self.scheme == "https":
            conn = http.client.HTTPSConnection(
                self.host, self.port, timeout=timeout, context=self.context)
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        except ssl.SSLCertVerificationError as e:  # not transient: no point retrying
            raise CheckFailed(f"{method} {path}: the gateway's certificate is not trusted ({e}); "
                              f"pass it with --cacert (or, if only the name differs, "
                              f"--no-check-hostname)") from e
        except (OSError, http.client.HTTPException) as e:
            raise TransportError(f"{method} {path}: {type(e).__name__}: {e}") from e
        finally:
            conn.close()


def expect(resp, status, what):
    if resp.status != status:
        raise CheckFailed(f"{what}: expected HTTP {status}, got {resp.describe()}")
    return resp


def with_retries(call, what, seconds=150.0):
    """call() again on transport errors, 429 and 5xx for up to `seconds` (for steps that are safe
    to repeat): long enough for a cluster to heal after losing a host, as a patient client would."""
    started, attempt = time.monotonic(), 0
    while True:
        attempt += 1
        try:
            resp = call()
            if resp.status < 500 and resp.status != 429:
                return resp
            problem = resp.describe()
            wait = resp.retry_after(2.0)
        except TransportError as e:
            problem, wait = str(e), 2.0
        wait = min(max(wait, 1.0), 10.0)
        if time.monotonic() - started + wait > seconds:
            raise CheckFailed(f"{what}: still failing after {attempt} attempts in "
                              f"{time.monotonic() - started:.0f} s: {problem}")
        log(f"  {what}: {problem[:160]}; retrying in {wait:.0f} s")
        time.sleep(wait)


# ---- JPEG bytes -----------------------------------------------------------------------------


def jpeg_segments(data):
    """(marker, payload) of each segment before the first scan; raises ValueError if malformed."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("no SOI marker")
    if data[-2:] != b"\xff\xd9":
        raise ValueError("no EOI marker at the end")
    segments, offset = [], 2
    while True:
        if offset + 4 > len(data) or data[offset] != 0xFF:
            raise ValueError(f"expected a marker at byte {offset}")
        marker = data[offset + 1]
        (length,) = struct.unpack(">H", data[offset + 2:offset + 4])
        if length < 2 or offset + 2 + length > len(data):
            raise ValueError(f"segment 0x{marker:02X} at byte {offset} has a bad length")
        segments.append((marker, data[offset + 4:offset + 2 + length]))
        if marker == 0xDA:  # SOS: entropy-coded data follows
            return segments
        offset += 2 + length


def insert_segment(jpeg, marker, payload):
    """jpeg with the segment FF <marker> inserted after SOI and a JFIF APP0, if there is one."""
    if len(payload) + 2 > 0xFFFF:
        raise ValueError("segment too long")
    at = 2
    if jpeg[2:4] == b"\xff\xe0":  # keep JFIF's APP0 first, as JFIF readers expect
        at = 4 + struct.unpack(">H", jpeg[4:6])[0]
    segment = bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:at] + segment + jpeg[at:]


def with_comment(jpeg, text):
    """Distinct bytes that decode to the same image: a COM segment holding text."""
    return insert_segment(jpeg, 0xFE, text.encode("utf-8"))


def exif_with_gps(lat, lon):
    """An APP1 Exif payload: little-endian TIFF, IFD0 (orientation 1, GPS pointer), GPS IFD."""
    def rationals(value):
        value = abs(value)
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        centiseconds = round(((value - degrees) * 60 - minutes) * 60 * 100)
        return struct.pack("<6I", degrees, 1, minutes, 1, centiseconds, 100)

    def entry(tag, kind, count, value):
        return struct.pack("<HHI", tag, kind, count) + value

    ifd0_at, gps_at = 8, 8 + 2 + 2 * 12 + 4
    lat_at = gps_at + 2 + 5 * 12 + 4
    lon_at = lat_at + 24
    ifd0 = (struct.pack("<H", 2)
            + entry(0x0112, 3, 1, struct.pack("<HH", 1, 0))  # Orientation: 1 (upright)
            + entry(0x8825, 4, 1, struct.pack("<I", gps_at))  # GPS IFD pointer
            + struct.pack("<I", 0))
    gps = (struct.pack("<H", 5)
           + entry(0x0000, 1, 4, bytes([2, 3, 0, 0]))  # GPSVersionID 2.3
           + entry(0x0001, 2, 2, (b"N" if lat >= 0 else b"S") + b"\0\0\0")
           + entry(0x0002, 5, 3, struct.pack("<I", lat_at))
           + entry(0x0003, 2, 2, (b"E" if lon >= 0 else b"W") + b"\0\0\0")
           + entry(0x0004, 5, 3, struct.pack("<I", lon_at))
           + struct.pack("<I", 0))
    tiff = b"II*\0" + struct.pack("<I", ifd0_at) + ifd0 + gps + rationals(lat) + rationals(lon)
    return b"Exif\0\0" + tiff


def metadata_segments(jpeg):
    """Names of the metadata segments a JPEG carries (EXIF, XMP, ICC)."""
    found = []
    for marker, payload in jpeg_segments(jpeg):
        if marker == 0xE1 and payload.startswith(b"Exif\0"):
            found.append("EXIF")
        elif marker == 0xE1:
            found.append("XMP/APP1")
        elif marker == 0xE2 and payload.startswith(b"ICC_PROFILE\0"):
            found.append("ICC")
    return found


def multipart(fields, file_bytes, filename="photo.jpg", content_type="image/jpeg"):
    """(body, Content-Type) of a multipart/form-data form with text fields and a `file` part."""
    boundary = "picshare-" + uuid.uuid4().hex
    out = bytearray()
    for name, value in fields.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                f"{value}\r\n").encode()
    out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n").encode()
    out += file_bytes + f"\r\n--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


# ---- API steps ------------------------------------------------------------------------------


def log(message):
    print(time.strftime("%H:%M:%S ") + message, flush=True)


def unique_name(prefix):
    return prefix + "".join(random.choices(string.ascii_lowercase + string.digits, k=10))


def new_password():
    return "".join(random.choices(string.ascii_letters + string.digits, k=20))


def sign_up(gw, username, password):
    credentials = {"username": username, "password": password}
    first = [True]

    def call():
        resp = gw.request("POST", "/v1/users", credentials)
        # a retry after an unknown outcome may find the account made by the first attempt
        if resp.status == 409 and not first[0]:
            return Response(201, resp.headers, resp.body)
        first[0] = False
        return resp

    expect(with_retries(call, f"sign up {username}"), 201, f"sign up {username}")


def log_in(gw, username, password):
    resp = with_retries(
        lambda: gw.request("POST", "/v1/sessions", {"username": username, "password": password}),
        f"log in {username}")
    token = expect(resp, 201, f"log in {username}").json().get("token")
    if not token:
        raise CheckFailed(f"log in {username}: no token in {resp.describe()}")
    return token


def upload(gw, token, jpeg, title, key, retry_seconds, timeout):
    """POST /v1/photos with one Idempotency-Key, retried while the outcome is unknown or the API
    asks to come back (transport errors, 5xx, 408, 409 request-in-progress, 429), for at most
    retry_seconds. Returns (Photo, attempts); raises CheckFailed when refused or out of time."""
    body, content_type = multipart({"title": title}, jpeg)
    headers = {"Content-Type": content_type, "Idempotency-Key": key}
    started, attempt = time.monotonic(), 0
    while True:
        attempt += 1
        try:
            resp = gw.request("POST", "/v1/photos", body, headers, token=token, timeout=timeout)
            if resp.status == 201:
                return resp.json(), attempt
            if resp.status < 500 and resp.status not in (408, 409, 429):
                raise CheckFailed(f"upload {key} refused: {resp.describe()}")
            problem, wait = resp.describe(), resp.retry_after(2.0)
        except TransportError as e:
            problem, wait = str(e), 2.0
        wait = min(max(wait, 0.5 * attempt), 30.0)
        if time.monotonic() - started + wait > retry_seconds:
            raise CheckFailed(f"upload {key}: no acknowledgement after {attempt} attempts "
                              f"in {time.monotonic() - started:.0f} s; last: {problem}")
        time.sleep(wait)


def content_path(photo_id, size):
    return f"/v1/photos/{urllib.parse.quote(photo_id)}/content?size={size}"


def poll(what, deadline_seconds, probe, interval=1.0):
    """Call probe() until it returns a true value; seconds it took, or CheckFailed at the deadline.
    probe may raise TransportError (or answer 5xx and return None): that is 'not yet'."""
    started = time.monotonic()
    last = "nothing yet"
    while True:
        try:
            result = probe()
            if result:
                return time.monotonic() - started, result
        except TransportError as e:
            last = str(e)
        except CheckFailed as e:
            last = str(e)
        if time.monotonic() - started > deadline_seconds:
            raise CheckFailed(f"{what}: not within {deadline_seconds} s (last: {last})")
        time.sleep(interval)


# ---- journey --------------------------------------------------------------------------------


def journey(gw, args):
    started = time.monotonic()
    run = uuid.uuid4().hex[:8]
    owner, follower = unique_name("cka"), unique_name("ckb")
    passwords = {owner: new_password(), follower: new_password()}
    for name in (owner, follower):
        sign_up(gw, name, passwords[name])
    tokens = {name: log_in(gw, name, passwords[name]) for name in (owner, follower)}
    log(f"signed up and logged in {owner} (owner) and {follower} (follower)")

    expect(gw.request("PUT", f"/v1/me/following/{owner}", token=tokens[follower]), 204,
           f"{follower} follows {owner}")
    log(f"{follower} follows {owner}")

    word = "".join(random.choices(string.ascii_lowercase, k=12))
    title = f"Cluster check {word} harbour at dusk"
    base = JOURNEY_JPEG.read_bytes()
    jpeg = with_comment(insert_segment(base, 0xE1, exif_with_gps(GPS_LAT, GPS_LON)),
                        f"picshare cluster check {run}")
    jpeg_segments(jpeg)  # well-formed before it leaves
    photo, attempts = upload(gw, tokens[owner], jpeg, title, str(uuid.uuid4()),
                             args.upload_retry_seconds, args.upload_timeout)
    uploaded = time.monotonic()
    photo_id = photo["id"]
    log(f"uploaded {photo_id} ({len(jpeg)} bytes, EXIF with GPS; {attempts} attempt(s))")

    check_original(gw, photo_id, tokens, owner, follower, jpeg)
    # the three asynchronous results are awaited side by side, each timed from the upload's ack
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        feed = pool.submit(wait_for_feed, gw, photo_id, tokens[follower], args.deadline, uploaded)
        search = pool.submit(wait_for_search, gw, photo_id, word, args.deadline, uploaded)
        thumb = pool.submit(wait_for_renditions, gw, photo_id, args.deadline, uploaded)
        feed_seconds, search_seconds, thumb_seconds = (
            feed.result(), search.result(), thumb.result())
    check_like(gw, photo_id, tokens[follower])

    result = {
        "ok": True, "photo_id": photo_id, "owner": owner, "follower": follower,
        "seconds_to_feed": round(feed_seconds, 1),
        "seconds_to_search": round(search_seconds, 1),
        "seconds_to_thumbnail": round(thumb_seconds, 1),
        "seconds_total": round(time.monotonic() - started, 1),
    }
    print(json.dumps(result), flush=True)
    return 0


def check_original(gw, photo_id, tokens, owner, follower, jpeg):
    resp = expect(gw.request("GET", content_path(photo_id, "original"), token=tokens[owner]),
                  200, "the owner reads the original")
    if resp.body != jpeg:
        raise CheckFailed(f"original of {photo_id}: {len(resp.body)} bytes, sha256 "
                          f"{sha256(resp.body)}, not the {len(jpeg)} uploaded ({sha256(jpeg)})")
    log("the owner's original is byte-identical (EXIF kept)")

    mine = expect(gw.request("GET", f"/v1/photos/{photo_id}", token=tokens[owner]), 200,
                  "the owner reads the photo").json()
    where = mine.get("location") or {}
    if abs(where.get("lat", 0) - GPS_LAT) > 1e-3 or abs(where.get("lon", 0) - GPS_LON) > 1e-3:
        raise CheckFailed(f"the owner's photo JSON has location {mine.get('location')!r}, "
                          f"expected about {GPS_LAT}, {GPS_LON}")
    theirs = expect(gw.request("GET", f"/v1/photos/{photo_id}", token=tokens[follower]), 200,
                    "the follower reads the photo").json()
    if "location" in theirs:
        raise CheckFailed(f"the follower sees the owner's location: {theirs['location']!r}")
    expect(gw.request("GET", content_path(photo_id, "original"), token=tokens[follower]), 403,
           "the follower asks for the original")
    log("location and original are the owner's only (follower: no location, 403 on original)")


def feed_has(gw, token, photo_id, order):
    path = "/v1/feed?limit=50" + (f"&order={order}" if order else "")
    resp = gw.request("GET", path, token=token)
    if resp.status != 200:
        raise CheckFailed(f"GET {path}: {resp.describe()}")
    return any(item.get("id") == photo_id for item in resp.json().get("items", []))


def wait_for_feed(gw, photo_id, token, deadline, uploaded):
    poll("the photo in the follower's recent feed", deadline,
         lambda: feed_has(gw, token, photo_id, "recent"))
    poll("the photo in the follower's top (default) feed", deadline,
         lambda: feed_has(gw, token, photo_id, None))
    seconds = time.monotonic() - uploaded
    log(f"in the follower's feed (recent and top) {seconds:.1f} s after the upload")
    return seconds


def wait_for_search(gw, photo_id, word, deadline, uploaded):
    path = "/v1/search/photos?" + urllib.parse.urlencode({"q": word})

    def found():
        resp = gw.request("GET", path)
        return resp.status == 200 and any(i.get("id") == photo_id for i in resp.json()["items"])

    poll(f"search for {word!r} finding the photo", deadline, found)
    seconds = time.monotonic() - uploaded
    log(f"search for {word!r} finds it {seconds:.1f} s after the upload")
    return seconds


def wait_for_renditions(gw, photo_id, deadline, uploaded):
    def small():
        resp = gw.request("GET", content_path(photo_id, "small"))
        return resp if resp.status == 200 else None

    _, resp = poll("the small display size", deadline, small)
    seconds = time.monotonic() - uploaded
    served = resp.header("picshare-size")
    if served == "original" or resp.body[:2] != b"\xff\xd8":
        raise CheckFailed(f"size=small served {served!r}, {resp.header('content-type')}")
    try:
        metadata = metadata_segments(resp.body)
    except ValueError as e:
        raise CheckFailed(f"size=small is not a well-formed JPEG: {e}") from e
    if metadata:
        raise CheckFailed(f"size=small ({served}) carries metadata: {', '.join(metadata)}")
    log(f"size=small ({served}, {len(resp.body)} bytes) exists {seconds:.1f} s after the upload, "
        f"no EXIF/GPS/XMP/ICC; gateway cache: {resp.header('x-cache-status', '-')}")
    thumb = expect(gw.request("GET", content_path(photo_id, "thumb")), 200, "size=thumb")
    if metadata_segments(thumb.body):
        raise CheckFailed(f"size=thumb carries metadata: {metadata_segments(thumb.body)}")
    again = expect(gw.request("GET", content_path(photo_id, "small")), 200, "size=small again")
    if again.body != resp.body:
        raise CheckFailed("size=small changed between two reads (gateway cache?)")
    log(f"thumb has no metadata either; size=small again: same bytes, gateway cache "
        f"{again.header('x-cache-status', '-')}")
    return seconds


def check_like(gw, photo_id, token):
    expect(gw.request("PUT", f"/v1/photos/{photo_id}/like", token=token), 204, "the like")

    def counted():
        photo = expect(gw.request("GET", f"/v1/photos/{photo_id}", token=token), 200,
                       "the photo after the like").json()
        if photo.get("like_count") == 1 and photo.get("liked_by_me") is True:
            return True
        raise CheckFailed(f"like_count {photo.get('like_count')}, "
                          f"liked_by_me {photo.get('liked_by_me')}")

    poll("like_count 1 after the like", 10, counted)
    log("liked by the follower: like_count 1, liked_by_me true")


# ---- load -----------------------------------------------------------------------------------


class LoadStats:
    def __init__(self, out):
        self.lock = threading.Lock()
        self.out = out
        self.acked = []  # (id, sha256), readable by readers
        self.outcomes = []  # True/False per finished upload, in completion order
        self.upload_retries = 0
        self.reads_ok = self.reads_failed = self.reads_limited = 0
        self.last_read_error = ""

    def record_ack(self, photo_id, digest, size):
        with self.lock:
            self.out.write(json.dumps({"id": photo_id, "sha256": digest, "size": size}) + "\n")
            self.out.flush()
            os.fsync(self.out.fileno())
            self.acked.append((photo_id, digest))
            self.outcomes.append(True)

    def record_failed_upload(self):
        with self.lock:
            self.outcomes.append(False)

    def record_read(self, outcome, error=""):
        with self.lock:
            if outcome == "ok":
                self.reads_ok += 1
            elif outcome == "limited":
                self.reads_limited += 1
            else:
                self.reads_failed += 1
                self.last_read_error = error

    def pick(self):
        with self.lock:
            return random.choice(self.acked) if self.acked else None

    def summary(self):
        with self.lock:
            return {
                "uploads_acked": self.outcomes.count(True),
                "uploads_failed": self.outcomes.count(False),
                "upload_retries": self.upload_retries,
                "reads_ok": self.reads_ok, "reads_failed": self.reads_failed,
                "reads_rate_limited": self.reads_limited,
                "last_uploads": "".join("+" if ok else "x" for ok in self.outcomes[-20:]),
            }


def uploader(gw, args, token, base, stats, stop_at, number):
    sequence = 0
    while time.monotonic() < stop_at:
        sequence += 1
        tag = f"{number}-{sequence}-{uuid.uuid4().hex}"
        jpeg = with_comment(base, f"picshare load {tag}")
        key = str(uuid.uuid4())
        try:
            photo, attempts = upload(gw, token, jpeg, f"load photo {tag}", key,
                                     args.upload_retry_seconds, args.upload_timeout)
            stats.record_ack(photo["id"], sha256(jpeg), len(jpeg))
            if attempts > 1:
                with stats.lock:
                    stats.upload_retries += attempts - 1
                log(f"  upload {photo['id']} acknowledged after {attempts} attempts (key {key})")
        except Exception as e:  # noqa: BLE001 - any failure is this upload's, not the run's
            stats.record_failed_upload()
            log(f"  upload failed: {e}")
        time.sleep(args.upload_interval)


def reader(gw, args, token, stats, stop_at):
    while time.monotonic() < stop_at:
        picked = stats.pick()
        if picked is None:
            time.sleep(0.5)
            continue
        photo_id, digest = picked
        try:
            resp = gw.request("GET", content_path(photo_id, "original"), token=token)
            if resp.status == 200 and sha256(resp.body) == digest:
                stats.record_read("ok")
            elif resp.status == 429:
                stats.record_read("limited")
                time.sleep(resp.retry_after(1.0))
            elif resp.status == 200:
                stats.record_read("failed", f"{photo_id}: different bytes ({len(resp.body)})")
            else:
                stats.record_read("failed", f"{photo_id}: {resp.describe()}")
        except TransportError as e:
            stats.record_read("failed", str(e))
        time.sleep(args.read_interval)


def prepare(gw, args):
    """Signs up the load user and saves its credentials beside --out, for a later `load`."""
    username, password = unique_name("ckl"), new_password()
    sign_up(gw, username, password)
    save_credentials(args.out, username, password, gw)
    log(f"user {username} signed up; credentials in {credentials_path(args.out)}")
    print(json.dumps({"ok": True, "username": username}))
    return 0


def load(gw, args):
    path = credentials_path(args.out)
    if os.path.exists(path):  # made by `prepare`, before the fault
        with open(path, encoding="utf-8") as f:
            saved = json.load(f)
        username, password = saved["username"], saved["password"]
    else:
        username, password = unique_name("ckl"), new_password()
        sign_up(gw, username, password)
        save_credentials(args.out, username, password, gw)
    token = log_in(gw, username, password)
    base = LOAD_JPEG.read_bytes()
    out = open(args.out, "w", encoding="utf-8")
    log(f"user {username}; {args.upload_threads} upload and {args.read_threads} read threads for "
        f"{args.seconds} s; acknowledged uploads go to {args.out}")

    stats = LoadStats(out)
    stop_at = time.monotonic() + args.seconds
    threads = [threading.Thread(target=uploader, daemon=True,
                                args=(gw, args, token, base, stats, stop_at, n))
               for n in range(args.upload_threads)]
    threads += [threading.Thread(target=reader, daemon=True, args=(gw, args, token, stats, stop_at))
                for _ in range(args.read_threads)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    next_report = started + 10
    while any(thread.is_alive() for thread in threads):
        time.sleep(0.5)
        if time.monotonic() >= next_report:
            next_report += 10
            finishing = " (finishing the uploads in flight)" if time.monotonic() > stop_at else ""
            log(f"t={time.monotonic() - started:.0f}s " + " ".join(
                f"{k}={v}" for k, v in stats.summary().items()) + finishing)
    out.close()
    return judge_load(args, stats)


def judge_load(args, stats):
    totals = stats.summary()
    reads = totals["reads_ok"] + totals["reads_failed"]
    failed_pct = 100.0 * totals["reads_failed"] / reads if reads else 100.0
    last = stats.outcomes[-args.last_ok:]
    problems = []
    if totals["uploads_acked"] < args.min_acked:
        problems.append(f"only {totals['uploads_acked']} uploads acknowledged "
                        f"(--min-acked {args.min_acked})")
    if len(last) < args.last_ok or not all(last):
        problems.append(f"the last {args.last_ok} uploads were not all acknowledged "
                        f"({totals['last_uploads']}: the cluster did not heal)")
    if failed_pct > args.max_read_failure_pct:
        problems.append(f"{totals['reads_failed']} of {reads} reads failed ({failed_pct:.1f} % > "
                        f"--max-read-failure-pct {args.max_read_failure_pct}); last: "
                        f"{stats.last_read_error}")
    log(f"totals: {totals['uploads_acked']} uploads acknowledged, {totals['uploads_failed']} "
        f"upload attempts failed after retries ({totals['upload_retries']} retries), "
        f"{totals['reads_ok']} reads ok, {totals['reads_failed']} reads failed "
        f"({failed_pct:.1f} %), {totals['reads_rate_limited']} reads rate-limited")
    print(json.dumps(dict(totals, ok=not problems, read_failure_pct=round(failed_pct, 2),
                          problems=problems)), flush=True)
    if problems:
        raise CheckFailed("; ".join(problems))
    return 0


# ---- verify ---------------------------------------------------------------------------------


def credentials_path(acked):
    return pathlib.Path(str(acked) + ".credentials")


def save_credentials(acked, username, password, gw):
    """The load user's credentials beside the acked file (tokens expire; verify logs in anew)."""
    path = credentials_path(acked)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"username": username, "password": password,
                   "gateway": f"{gw.scheme}://{gw.host}:{gw.port}"}, f)
        f.write("\n")


def read_acked(path):
    """(credentials, records) of a `load --out` file and the credentials file beside it."""
    try:
        credentials = json.loads(credentials_path(path).read_text(encoding="utf-8"))
        with open(path, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        raise CheckFailed(f"cannot read what `load --out {path}` wrote: {e}") from e
    return credentials, records


def verify_one(gw, token, record, attempts=4):
    path = content_path(record["id"], "original")
    for attempt in range(1, attempts + 1):
        try:
            resp = gw.request("GET", path, token=token)
        except TransportError as e:
            resp, problem = None, str(e)
        else:
            if resp.status == 200:
                if sha256(resp.body) == record["sha256"] and len(resp.body) == record["size"]:
                    return "ok", ""
                return "mismatched", f"{len(resp.body)} bytes, sha256 {sha256(resp.body)}"
            if resp.status == 404:
                return "missing", resp.describe()
            problem = resp.describe()
        if attempt < attempts:
            time.sleep(resp.retry_after(2.0) if resp is not None else 2.0)
    return "unreadable", problem


def verify(gw, args):
    credentials, records = read_acked(args.acked)
    token = log_in(gw, credentials["username"], credentials["password"])
    ids = [r["id"] for r in records]
    log(f"{len(records)} acknowledged uploads of {credentials['username']} to check "
        f"({len(set(ids))} distinct ids)")
    counts = {"ok": 0, "missing": 0, "mismatched": 0, "unreadable": 0}
    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        futures = {pool.submit(verify_one, gw, token, r): r for r in records}
        for future in concurrent.futures.as_completed(futures):
            outcome, detail = future.result()
            counts[outcome] += 1
            if outcome != "ok":
                log(f"  {futures[future]['id']}: {outcome}: {detail}")
    profile = with_retries(lambda: gw.request("GET", f"/v1/users/{credentials['username']}"),
                           "the user's profile")
    photo_count = profile.json().get("photo_count") if profile.status == 200 else None
    log(f"ok {counts['ok']}, missing {counts['missing']}, mismatched {counts['mismatched']}, "
        f"unreadable {counts['unreadable']}; the profile counts {photo_count} photos "
        f"(at least the acknowledged ones; uploads that failed on the client may have been stored)")
    print(json.dumps(dict(counts, ok=counts["ok"] == len(records), records=len(records),
                          distinct_ids=len(set(ids)), photo_count=photo_count)), flush=True)
    if counts["ok"] != len(records):
        raise CheckFailed(f"{len(records) - counts['ok']} of {len(records)} acknowledged uploads "
                          f"are not readable byte for byte")
    return 0


# ---- command line ---------------------------------------------------------------------------

LOAD_HELP = """\
Uploads distinct JPEGs (one real JPEG of the repository with a unique COM segment each) as one
fresh user, and reads back, with the owner's token, the originals already acknowledged, checking
their SHA-256. Every upload has its own Idempotency-Key and is retried with that same key while
its outcome is unknown or the API asks to come back (connection errors, timeouts, 5xx, 408,
409 request-in-progress, 429), for at most --upload-retry-seconds: after a host loss an upload
whose server died may stay "in progress" for up to 2 minutes before a retry can take it over.
Each acknowledged upload (HTTP 201) is appended to --out as one JSON line {"id", "sha256",
"size"} (so `wc -l` counts them), written and flushed before the next upload; the user's
credentials go to FILE.credentials (mode 0600), where `verify` finds them.

After --seconds no new upload starts; those in flight finish (or run out of retry time). Progress
every 10 s; the last line is a JSON summary.

Exit 0 only if all of these hold (meant for a run during which a host is lost):
  * at least --min-acked uploads were acknowledged (the cluster took writes at all);
  * the last --last-ok uploads were all acknowledged (writes work again after the loss:
    failures may happen while the cluster heals, not at the end);
  * at most --max-read-failure-pct percent of reads failed (a read fails on a connection error,
    a 5xx or other error status, or bytes that differ; 429s are counted apart, not as failures).
"""


GATEWAY_DEFAULTS = {"gateway": "https://10.199.11.11", "cacert": None, "no_check_hostname": False,
                    "insecure": False, "timeout": 30.0, "upload_timeout": 75.0,
                    "upload_retry_seconds": 150.0}


def gateway_options(suppress):
    """The options every command takes, before or after the command's name (after it, they are
    only set when given, so that they do not undo the same option given before it)."""
    options = argparse.ArgumentParser(add_help=False)
    d = GATEWAY_DEFAULTS

    def add(flag, **kwargs):
        key = flag[2:].replace("-", "_")
        options.add_argument(flag, default=argparse.SUPPRESS if suppress else d[key], **kwargs)

    add("--gateway", help=f"the gateway's base URL (default: {d['gateway']})")
    add("--cacert", metavar="FILE",
        help="PEM certificate(s) to trust for the gateway's TLS, e.g. its self-signed "
             "certificate (default: the system's CAs)")
    add("--no-check-hostname", action="store_true",
        help="verify the certificate chain but not that it names the gateway (the role's "
             "self-signed certificate names its IP address, so this is rarely needed)")
    add("--insecure", action="store_true", help="do not verify the gateway's certificate at all")
    add("--timeout", type=float,
        help=f"seconds each request may take to connect and for each read "
             f"(default: {d['timeout']})")
    add("--upload-timeout", type=float,
        help=f"the same for uploads, above the gateway's 60 s and the API's 45 s upload deadline "
             f"(default: {d['upload_timeout']})")
    add("--upload-retry-seconds", type=float,
        help=f"how long one upload is retried with its Idempotency-Key "
             f"(default: {d['upload_retry_seconds']})")
    return options


def build_parser():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[gateway_options(suppress=False)])
    per_command = gateway_options(suppress=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    j = sub.add_parser("journey", parents=[per_command],
                       help="one user's journey across every part of the cluster",
                       description=(
                           "Signs up two fresh users A and B; B follows A; A uploads a real JPEG "
                           "(with EXIF GPS added) and reads the original back byte-identical; "
                           "B sees no location and gets 403 on the original; the photo reaches "
                           "B's feed (recent and top), search by a unique title word finds it, "
                           "and a display size appears without EXIF/GPS/XMP/ICC (all three "
                           "asynchronous: polled up to --deadline); B likes it and like_count "
                           "is 1. The last line is a JSON object with photo_id, owner and the "
                           "seconds to feed, search and thumbnail."))
    j.add_argument("--deadline", type=float, default=60.0,
                   help="seconds to wait for each asynchronous result (default: %(default)s)")

    pr = sub.add_parser("prepare", parents=[per_command],
                        help="sign up the load user ahead of a fault (a later `load` uses it)",
                        description=("Signs up a fresh user and writes its credentials to "
                                     "FILE.credentials, where `load --out FILE` and `verify` "
                                     "find them: the sign-up is then not part of the fault."))
    pr.add_argument("--out", required=True, metavar="FILE",
                    help="the FILE a later `load --out` records to")

    ld = sub.add_parser("load", parents=[per_command],
                        formatter_class=argparse.RawDescriptionHelpFormatter,
                        help="uploads and reads for N seconds, recording every acknowledged upload",
                        description=LOAD_HELP)
    ld.add_argument("--seconds", type=float, required=True, help="how long to start new uploads")
    ld.add_argument("--out", required=True, metavar="FILE",
                    help="where acknowledged uploads are recorded (overwritten)")
    ld.add_argument("--upload-threads", type=int, default=2,
                    help="threads uploading (default: %(default)s)")
    ld.add_argument("--read-threads", type=int, default=2,
                    help="threads reading acknowledged originals back (default: %(default)s)")
    ld.add_argument("--upload-interval", type=float, default=2.0,
                    help="seconds each upload thread waits between uploads: with the defaults "
                         "the run stays below the API's 60 uploads a minute per user and "
                         "instance even when one write server is left (a 429 is waited out and "
                         "retried, not counted as a failure) (default: %(default)s)")
    ld.add_argument("--read-interval", type=float, default=0.2,
                    help="seconds each read thread waits between reads (default: %(default)s)")
    ld.add_argument("--min-acked", type=int, default=10,
                    help="fail unless at least this many uploads were acknowledged "
                         "(default: %(default)s)")
    ld.add_argument("--last-ok", type=int, default=10,
                    help="fail unless this many last uploads were all acknowledged "
                         "(default: %(default)s)")
    ld.add_argument("--max-read-failure-pct", type=float, default=5.0,
                    help="fail if more reads than this percentage failed (default: %(default)s)")

    v = sub.add_parser("verify", parents=[per_command],
                       help="every upload a `load` run recorded is readable, byte-identical",
                       description=(
                           "Logs in with the credentials in FILE.credentials (written by "
                           "`load` beside --acked FILE) and reads every recorded photo's "
                           "original, comparing size and SHA-256. A read that fails with a "
                           "connection error or 5xx is tried 4 times. Exit 0 only if every "
                           "record is readable and identical; 404 counts as missing."))
    v.add_argument("--acked", required=True, metavar="FILE", help="the file `load --out` wrote")
    v.add_argument("--threads", type=int, default=4, help="parallel reads (default: %(default)s)")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        gw = Gateway(args.gateway, cacert=args.cacert, check_hostname=not args.no_check_hostname,
                     insecure=args.insecure, timeout=args.timeout)
    except (OSError, ssl.SSLError) as e:
        print(f"FAIL ({args.command}): --cacert {args.cacert}: {e}", file=sys.stderr)
        return 2
    command = {"journey": journey, "prepare": prepare, "load": load, "verify": verify}[args.command]
    try:
        return command(gw, args)
    except (CheckFailed, TransportError) as e:
        print(f"FAIL ({args.command}): {e}", file=sys.stderr, flush=True)
        if args.command == "journey":
            print(json.dumps({"ok": False, "error": str(e)}), flush=True)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted ({args.command})", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

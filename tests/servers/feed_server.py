"""feed_server.py: a calendar feed server for tests, on 127.0.0.1 only.

usage: /usr/bin/python3 feed_server.py DIR PORTFILE

Serves DIR/NAME.ics at /NAME.ics with a strong ETag (SHA-1 of the body)
and Last-Modified (the file's mtime), answering If-None-Match and
If-Modified-Since with 304. Every request is appended to DIR/requests.log
as "METHOD PATH STATUS If-None-Match". Special paths:
  /slow.ics       answers after 5 seconds (a timeout)
  /big.ics        2 MiB of iCalendar without a Content-Length
  /html.ics       200 text/html (a login page)
  /redirect.ics   302 to /a.ics
  /loop.ics       302 to itself
  /gone.ics       404
  /noetag/NAME.ics  DIR/NAME.ics with Last-Modified only (If-Modified-Since)
The port (chosen by the system) is written to PORTFILE once listening.
"""
import hashlib
import http.server
import os
import sys
import time
from email.utils import formatdate, parsedate_to_datetime

ROOT = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def record(self, status):
        with open(os.path.join(ROOT, "requests.log"), "a") as f:
            f.write("%s %s %d %s %s\n" % (self.command, self.path, status,
                                          self.headers.get("If-None-Match", "-"),
                                          self.headers.get("If-Modified-Since", "-")))

    def answer(self, status, body=b"", ctype="text/calendar; charset=utf-8", headers=()):
        self.record(status)
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def do_GET(self):
        p = self.path.split("?")[0]
        if p == "/slow.ics":
            time.sleep(5)
            return self.answer(200, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        if p == "/big.ics":
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
            line = b"X-PAD:" + b"x" * 1000 + b"\r\n"
            try:
                for _ in range(2048):
                    self.wfile.write(line)
            except OSError:
                pass  # the client gave up at its size cap
            self.close_connection = True
            return
        if p == "/html.ics":
            return self.answer(200, b"<!DOCTYPE html><html><body>Sign in</body></html>",
                               "text/html")
        if p == "/redirect.ics":
            return self.answer(302, b"", headers=[("Location", "/a.ics")])
        if p == "/loop.ics":
            return self.answer(302, b"", headers=[("Location", "/loop.ics")])
        has_etag = not p.startswith("/noetag/")
        path = os.path.join(ROOT, os.path.basename(p))
        if not p.endswith(".ics") or not os.path.isfile(path):
            return self.answer(404, b"not found", "text/plain")
        body = open(path, "rb").read()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()
        mtime = os.path.getmtime(path)
        validators = [("Last-Modified", formatdate(mtime, usegmt=True))]
        if has_etag:
            validators.append(("ETag", etag))
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            if inm == etag:
                return self.answer(304, headers=validators)
        elif ims is not None and parsedate_to_datetime(ims).timestamp() >= int(mtime):
            return self.answer(304, headers=validators)
        return self.answer(200, body, headers=validators)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()

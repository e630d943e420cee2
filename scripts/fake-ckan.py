#!/usr/bin/env python3
"""A tiny CKAN-compatible server for harvest benchmarks: serves JSON-lines dumps with injected latency.

Endpoints under /api/3/action/ and /api/action/: status_show, package_search (rows, start; capped at 1000;
fl/fq/sort ignored: records come in file order), package_list, package_show?id=. Every request sleeps
--latency seconds first (a remote portal's round trip). GET /__stats answers the request count so far;
GET /__reset zeroes it. Threaded, so parallel clients (ckanapi -p 4) overlap their waits.

Usage: fake-ckan.py PORT DUMP.jsonl... [--latency 0.05]
"""
import argparse
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ap = argparse.ArgumentParser()
ap.add_argument("port", type=int)
ap.add_argument("dumps", nargs="+")
ap.add_argument("--latency", type=float, default=0.05)
args = ap.parse_args()

lines, by_key = [], {}
for path in args.dumps:
    with open(path, "rb") as f:
        for raw in f:
            raw = raw.strip()
            if not raw:
                continue
            rec = json.loads(raw)
            by_key[rec.get("id")] = len(lines)
            by_key[rec.get("name")] = len(lines)
            lines.append(raw)
names = [json.loads(l).get("name") for l in lines]
count = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        global count
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/__stats":
            return self.send(200, json.dumps({"requests": count}).encode())
        if url.path == "/__reset":
            with lock:
                count = 0
            return self.send(200, b"{}")
        with lock:
            count += 1
        time.sleep(args.latency)
        action = url.path.rstrip("/").rsplit("/", 1)[-1]
        ok = lambda result: b'{"help":"","success":true,"result":' + result + b"}"
        if action == "status_show":
            return self.send(200, ok(b'{"ckan_version":"2.11.6"}'))
        if action == "package_search":
            rows = min(1000, int(q.get("rows", "10")))
            start = int(q.get("start", "0"))
            page = lines[start:start + rows]
            body = b'{"count":%d,"results":[' % len(lines) + b",".join(page) + b"]}"
            return self.send(200, ok(body))
        if action == "package_list":
            return self.send(200, ok(json.dumps(names).encode()))
        if action == "package_show":
            i = by_key.get(q.get("id"))
            if i is None:
                return self.send(404, b'{"success":false,"error":{"__type":"Not Found Error","message":"Not found"}}')
            return self.send(200, ok(lines[i]))
        return self.send(400, b'{"success":false,"error":{"__type":"Bad request","message":"unknown action"}}')

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b"{}"
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            params = {}
        self.path = self.path.split("?")[0] + "?" + urllib.parse.urlencode({k: v for k, v in params.items() if isinstance(v, (str, int))})
        return self.do_GET()


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()

"""A counting reverse proxy in front of moto_server: one JSON line per AWS request, whoever sends it.

Usage: callcount.py LISTEN_PORT UPSTREAM_URL LOG_FILE

It is independent of both tools (cis-sentinel counts its own calls; Prowler counts none) and of moto's own
log, which shows only "POST / HTTP/1.1" for most of these APIs. For each request it records the service
and region from the SigV4 credential scope and the operation from whichever place the protocol puts it:
the X-Amz-Target header (JSON protocols: CloudTrail, CloudWatch Logs), the path of the Smithy RPC v2 CBOR
protocol (/service/X/operation/Op), the Action parameter of the query protocol (STS, SNS, CloudWatch) in
the form body or URL, or else the HTTP method and first path segment (REST APIs such as S3).

Requests are forwarded byte for byte over a keep-alive connection per client connection. It is only for the
counting runs; timed runs talk to moto directly so that the proxy's own latency is never in a timing.
"""

import http.client
import json
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")
RPCV2 = re.compile(r"/service/[^/]+/operation/([^/?]+)")
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}


def operation(method, path, headers, body):
    target = headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1]
    match = RPCV2.search(path)
    if match:
        return match.group(1)
    url = urlsplit(path)
    params = parse_qs(url.query)
    if "Action" not in params and body and "x-www-form-urlencoded" in headers.get("Content-Type", ""):
        params = parse_qs(body.decode("utf-8", "replace"))
    if "Action" in params:
        return params["Action"][0]
    segment = url.path.strip("/").split("/", 1)[0]
    return f"{method} /{segment}" if segment else f"{method} /"


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = None
    log_file = None
    lock = threading.Lock()

    def log_message(self, fmt, *args):  # silence the default stderr access log
        pass

    def setup(self):
        super().setup()
        # Headers and body go out in one write, and without Nagle's delay: no 40 ms delayed-ACK stalls.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if not hasattr(self, "connection_upstream"):
            self.connection_upstream = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port,
                                                                  timeout=600)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        started = time.monotonic()
        try:
            self.connection_upstream.request(self.command, self.path, body=body or None, headers=headers)
            response = self.connection_upstream.getresponse()
            payload = response.read()
        except (http.client.HTTPException, OSError):
            self.connection_upstream.close()
            self.connection_upstream = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port,
                                                                  timeout=600)
            self.connection_upstream.request(self.command, self.path, body=body or None, headers=headers)
            response = self.connection_upstream.getresponse()
            payload = response.read()
        elapsed = time.monotonic() - started
        self.send_response_only(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self._headers_buffer.append(b"\r\n")
        head = b"".join(self._headers_buffer)
        self._headers_buffer = []
        self.wfile.write(head + (payload if self.command != "HEAD" else b""))
        self.wfile.flush()
        scope = SCOPE.search(self.headers.get("Authorization", ""))
        entry = {
            "t": round(time.time(), 3),
            "service": scope.group(2) if scope else None,
            "region": scope.group(1) if scope else None,
            "op": operation(self.command, self.path, self.headers, body),
            "status": response.status,
            "bytes": len(payload),
            "ms": round(elapsed * 1000, 1),
            "agent": "java" if "aws-sdk-java" in self.headers.get("User-Agent", "") else
                     "python" if "Boto3" in self.headers.get("User-Agent", "") or
                                 "Botocore" in self.headers.get("User-Agent", "") else "other",
        }
        with self.lock:
            self.log_file.write(json.dumps(entry) + "\n")
            self.log_file.flush()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _forward


def main():
    port, upstream, log_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    Proxy.upstream = urlsplit(upstream)
    Proxy.log_file = open(log_path, "a", buffering=1)
    server = ThreadingHTTPServer(("127.0.0.1", port), Proxy)
    server.daemon_threads = True
    print(f"callcount: 127.0.0.1:{port} -> {upstream}, log {log_path}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

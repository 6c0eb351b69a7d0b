"""A raw Socket.IO client that stops reading its TCP socket, for the slow-client fault test.

Node cannot shrink a socket's kernel receive buffer, and on loopback the kernel would otherwise
absorb megabytes before the server's own buffers see any pressure. This client sets SO_RCVBUF small
before connecting, speaks just enough WebSocket / Engine.IO / Socket.IO to watch one floor, then
stops reading until a line arrives on stdin. It also watches the other floors given and the whole
tenant, so enough deltas flow to fill the kernel's buffers (megabytes on loopback) in reasonable
time; while not reading it still sends a pong every 10 s so the server's heartbeat keeps it. Afterwards it reads again and prints one JSON line per
floor event it receives: {"event": "floor:delta" | "floor:snapshot" | "ack", "seq": n, "devices": [...]}.

Usage: python3 slow-reader.py HOST PORT FLOOR_ID [OTHER_FLOOR_ID ...]
"""
import base64
import json
import os
import socket
import struct
import sys
import threading
import time

host, port, floor, others = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
lock = threading.Lock()
acks = {"left": 2 + len(others)}

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect((host, port))
key = base64.b64encode(os.urandom(16)).decode()
s.sendall(
    (
        f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    ).encode()
)
buf = b""
while b"\r\n\r\n" not in buf:
    buf += s.recv(4096)
head, buf = buf.split(b"\r\n\r\n", 1)
assert b" 101 " in head.split(b"\r\n")[0], head


def send(text):
    data = text.encode()
    mask = os.urandom(4)
    n = len(data)
    header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n))
    with lock:
        s.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))


def frames():
    global buf
    while True:
        while len(buf) < 2:
            chunk = s.recv(65536)
            if not chunk:
                return
            buf += chunk
        n = buf[1] & 0x7F
        off = 2
        if n == 126:
            need = 4
        elif n == 127:
            need = 10
        else:
            need = 2
        while len(buf) < need:
            buf += s.recv(65536)
        if n == 126:
            n = struct.unpack(">H", buf[2:4])[0]
            off = 4
        elif n == 127:
            n = struct.unpack(">Q", buf[2:10])[0]
            off = 10
        while len(buf) < off + n:
            chunk = s.recv(65536)
            if not chunk:
                return
            buf += chunk
        payload, buf = buf[off : off + n], buf[off + n :]
        yield payload.decode()


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def handle(msg):
    """Handles one Engine.IO message; returns False once the floor watch was acknowledged."""
    if msg == "2":
        send("3")  # ping -> pong
    elif msg.startswith("0"):
        send("40")  # connect to the default namespace
    elif msg.startswith("40"):
        send("421" + json.dumps(["floor:watch", floor]))
        send("422" + json.dumps(["location:watch", None]))
        for i, other in enumerate(others):
            send(f"42{3 + i}" + json.dumps(["floor:watch", other]))
    elif msg.startswith("43"):
        if msg.startswith("431["):
            snap = json.loads(msg[3:])[0]
            out({"event": "ack", "seq": snap["seq"], "devices": snap["devices"]})
        acks["left"] -= 1
        return acks["left"] > 0
    elif msg.startswith("42"):
        name, data = json.loads(msg[2:])
        if name in ("floor:delta", "floor:snapshot") and data.get("floorId") == floor:
            ev = {"event": name, "seq": data["seq"]}
            if name == "floor:snapshot":
                ev["devices"] = data["devices"]
            else:
                ev["moved"] = data["moved"]
                ev["removed"] = data["removed"]
            out(ev)
    return True


it = frames()
for m in it:
    if not handle(m):
        break
# Stop reading until told to go on; keep the heartbeat alive meanwhile.
def pong():
    while True:
        time.sleep(10)
        send("3")


threading.Thread(target=pong, daemon=True).start()
sys.stdin.readline()
out({"event": "reading"})
for m in it:
    handle(m)

"""The HTTP protocol the CLI serves with turns Nagle's algorithm off on every connection."""

from __future__ import annotations

import asyncio
import socket

import uvicorn
from uvicorn.server import ServerState

from skillgraph.server.transport import NoDelayHttpToolsProtocol


def _nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_a_connection_accepted_on_a_protocol_zero_socket_gets_tcp_nodelay() -> None:
    # The listening socket uvicorn makes for several workers has protocol number 0, like this one.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert listener.proto == 0
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    config = uvicorn.Config(app=_app, log_level="warning")
    config.load()

    async def serve() -> int:
        loop = asyncio.get_running_loop()
        before = _nodelay(accepted)
        transport, _ = await loop.connect_accepted_socket(lambda: NoDelayHttpToolsProtocol(config, ServerState(), {}), sock=accepted)
        after = _nodelay(transport.get_extra_info("socket"))
        transport.close()
        await asyncio.sleep(0)  # let the transport close its socket
        return before * 10 + (1 if after else 0)

    try:
        # Before: asyncio left Nagle on (0); after: the protocol turned it off.
        assert asyncio.run(serve()) == 1
    finally:
        client.close()
        accepted.close()
        listener.close()


async def _app(scope: dict, receive: object, send: object) -> None:  # pragma: no cover - never called
    raise RuntimeError("not used")

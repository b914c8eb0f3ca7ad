"""A Streamlit session spoken at the protocol level, for load benchmarks and security checks.

One :class:`Session` is one browser tab: a websocket to ``/_stcore/stream`` (subprotocol
``streamlit``) that sends ``BackMsg`` reruns carrying the query string and widget states, and reads
``ForwardMsg`` deltas until the run finishes. Far cheaper than a browser per user, so 60
participants fit on a 2-core machine. The server must run with ``--server.enableXsrfProtection
false``. Widgets are found by their ``key``, which Streamlit puts at the end of the widget id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.typing import Origin

_TEXT_ELEMENTS = ("markdown", "alert", "heading", "text", "progress")


@dataclass
class Run:
    """What one rerun drew: the texts shown, the widgets by key, and any timed fragment."""

    texts: list[str] = field(default_factory=list)
    widgets: dict[str, tuple[str, object]] = field(default_factory=dict)  # key: (kind, proto)
    auto_rerun: tuple[float, str] | None = None  # (interval seconds, fragment id)
    page_not_found: bool = False

    def shows(self, fragment: str) -> bool:
        """Whether any text on screen contains ``fragment``."""
        return any(fragment in text for text in self.texts)


class Session:
    """One Streamlit session over a websocket; use ``await Session.open(url)``."""

    def __init__(self, socket, query_string: str):
        self.socket = socket
        self.query_string = query_string
        self.last = Run()
        self.pages: dict[str, str] = {}  # url path: script hash, of the pages the app offers
        self.page_script_hash = ""  # the page on screen, sent with every rerun as a browser does
        self.values: dict[str, WidgetState] = {}  # widget values set so far, sent on every rerun

    @classmethod
    async def open(cls, base_url: str, query_string: str = "") -> Session:
        """Connect to the app at ``base_url`` and run it once with ``query_string``."""
        parts = urlsplit(base_url)
        socket = await connect(
            f"ws://{parts.netloc}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=Origin(f"{parts.scheme}://{parts.netloc}"),
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        )
        session = cls(socket, query_string)
        await session.rerun()
        return session

    async def rerun(
        self, widgets: list[WidgetState] = (), fragment_id: str = "", page_script_hash: str = ""
    ) -> Run:
        """Rerun the app (or one fragment) with these widget states; return what it drew."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        # Like a browser, send every widget value set so far: a widget whose value is missing from
        # a rerun loses its state on the server. Button clicks (triggers) are sent once.
        self.values.update({w.id: w for w in widgets if w.WhichOneof("value") != "trigger_value"})
        triggers = [w for w in widgets if w.WhichOneof("value") == "trigger_value"]
        state.widget_states.widgets.extend([*self.values.values(), *triggers])
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = True
        state.page_script_hash = page_script_hash or self.page_script_hash
        await self.socket.send(message.SerializeToString())
        run = await self._read_run()
        if not fragment_id:
            self.last = run
        return run

    async def _read_run(self) -> Run:
        run = Run()
        while True:
            raw = await self.socket.recv()
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if kind == "delta":
                _collect(run, message.delta)
            elif kind == "auto_rerun":
                run.auto_rerun = (message.auto_rerun.interval, message.auto_rerun.fragment_id)
            elif kind == "navigation":
                self.page_script_hash = message.navigation.page_script_hash
                self.pages.update(
                    {p.url_pathname: p.page_script_hash for p in message.navigation.app_pages}
                )
            elif kind == "page_not_found":
                run.page_not_found = True
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run = Run()  # the script called st.rerun(): what counts is the next run
                    continue
                return run

    async def click(self, key: str) -> Run:
        """Click the button with this key."""
        return await self.rerun([WidgetState(id=self.widget_id(key), trigger_value=True)])

    async def choose(self, key: str, label: str, **texts: str) -> Run:
        """Pick the option shown as ``label`` in the radio or selectbox with this key, with the
        text inputs named in ``texts`` (key=value) set in the same rerun."""
        return await self.rerun(
            [WidgetState(id=self.widget_id(key), string_value=label)]
            + [WidgetState(id=self.widget_id(k), string_value=v) for k, v in texts.items()]
        )

    def widget_id(self, key: str) -> str:
        """The id of the widget with this key in the last full run."""
        try:
            return self.last.widgets[key][1].id
        except KeyError:
            raise KeyError(
                f"No widget with key {key!r} on screen; texts: {self.last.texts}"
            ) from None

    async def close(self) -> None:
        """Close the websocket (the server ends the session)."""
        await self.socket.close()


def _collect(run: Run, delta) -> None:
    if delta.WhichOneof("type") != "new_element":
        return
    element = delta.new_element
    kind = element.WhichOneof("type")
    if kind in _TEXT_ELEMENTS:
        proto = getattr(element, kind)
        run.texts.append(proto.text if kind == "progress" else proto.body)
    elif kind and hasattr(getattr(element, kind), "id") and getattr(element, kind).id:
        widget = getattr(element, kind)
        run.widgets[widget.id.rsplit("-", 1)[-1]] = (kind, widget)

"""Load benchmark: 60 participants vote in a workshop against a real ``streamlit run`` server
(or several app servers on one PostgreSQL database: ``--servers 2 --database postgresql://...``).

Every participant is a protocol-level session (``tests/protocol_client.py``): it joins through the
join link, follows the facilitator with the page's own timed fragment, and votes through the
radio widget as a browser does (a widget-state rerun); a quarter change their vote once. The
facilitator's session polls its live count meanwhile. Printed: lost votes (must be 0), the median
and 95th percentile time from a vote to its acknowledgement (the page showing "Your vote is saved"),
the same for one participant alone on the server first (the baseline, and the ratio), the time from
the last vote until the facilitator's count is complete, and the server's CPU use. With several
servers the facilitator and the lone voter are on the first, the participants take turns over all.

    .venv/bin/python bench/workshop_load.py [--participants 60] [--window 20] [--poll 3]
    .venv/bin/python bench/workshop_load.py --servers 2 --database postgresql://user@host/empty_db

Loopback only; bounded in time (it gives up after ``--timeout`` seconds) and stops the server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cpss.db import assessments, workshop_votes, workshops  # noqa: E402
from cpss.db.core import connect  # noqa: E402
from cpss.model.assessments import AssessmentDetails  # noqa: E402
from tests.browser_support import serve  # noqa: E402
from tests.protocol_client import Session  # noqa: E402

SUBDOMAIN = "1.1"
LABELS = {
    1: "1 · System Building",
    2: "2 · System Enhancement",
    3: "3 · System Integration",
    4: "4 · System Maturity",
}
POLL = 3.0  # the pages' fragment interval, ui.workshop_views.POLL_SECONDS (--poll changes both)


def prepare(database: Path | str) -> tuple[str, str, str]:
    """A database (DuckDB file or PostgreSQL URL) with an assessment and an anonymous workshop on
    subdomain 1.1."""
    con = connect(database)
    db = con.db()
    details = AssessmentDetails("KEN", "Kenya", "Load benchmark", date(2026, 1, 1))
    assessment_id = assessments.create(db, details, "bench", by="bench")
    workshop = workshops.start(db, assessment_id, ask_names=False, by="bench")
    workshops.open_subdomain(db, workshop.id, SUBDOMAIN, by="bench")
    con.close()
    return assessment_id, workshop.id, workshop.code


def server_pids() -> list[int]:
    """The streamlit servers this process started (its children running streamlit)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == os.getpid() and b"streamlit" in cmdline:
                pids.append(int(entry.name))
    if not pids:
        raise RuntimeError("The streamlit server process was not found.")
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


async def joined(url: str, code: str) -> Session:
    """A participant who opened the join link and joined anonymously."""
    session = await Session.open(url, f"join={code}")
    await session.click("join_enter")
    if "p=" not in session.query_string:
        raise RuntimeError(f"Joining failed: {session.last.texts}")
    return session


async def cast(session: Session, phase: int) -> float:
    """Vote ``phase``; return the seconds until the page acknowledged it."""
    started = time.perf_counter()
    run = await session.choose("vote", LABELS[phase], vote_comment="")
    if not run.shows(f"Your vote is saved: {LABELS[phase]}."):
        raise RuntimeError(f"Vote not acknowledged: {run.texts}")
    return time.perf_counter() - started


async def participant(
    session: Session, plan: list[tuple[float, int]], start: float, record: dict, stop: asyncio.Event
) -> None:
    """Follow the facilitator every POLL seconds like the page does, voting as planned."""
    fragment = session.last.auto_rerun[1]
    next_poll = time.perf_counter() + random.uniform(0, POLL)
    pending = list(plan)
    while not stop.is_set():
        now = time.perf_counter()
        if pending and now - start >= pending[0][0]:
            _, phase = pending.pop(0)
            record["latencies"].append(await cast(session, phase))
            record["last_ack"] = max(record["last_ack"], time.perf_counter())
            record["final"][session.query_string] = phase
            continue
        if now >= next_poll:
            await session.rerun(fragment_id=fragment)
            next_poll += POLL
        await asyncio.sleep(0.05)


async def facilitator(url: str, query: str, expected: int, record: dict, stop: asyncio.Event):
    """The facilitator's screen: its live-count fragment every POLL seconds, until all voted."""
    session = await Session.open(url, query)
    run = await session.rerun(page_script_hash=session.pages["workshop"])
    fragment = run.auto_rerun[1]
    while not stop.is_set():
        run = await session.rerun(fragment_id=fragment)
        counts = [re.search(r"\*\*(\d+) of (\d+)\*\*", t) for t in run.texts]
        voted = next((int(m.group(1)) for m in counts if m), 0)
        if voted == expected and record["votes_done"].is_set():
            record["complete_at"] = time.perf_counter()
            return
        await asyncio.sleep(POLL)


async def baseline(url: str, code: str, votes: int = 8) -> list[float]:
    """One participant alone on the server: the vote-to-acknowledgement time without load."""
    session = await joined(url, code)
    latencies = [await cast(session, 1 + i % 4) for i in range(votes)]
    await session.close()
    return latencies


async def load(urls: list[str], code: str, query: str, args, pids: list[int]) -> dict:
    """60 participants join (taking turns over the servers), follow and vote while the facilitator
    polls on the first server."""
    rng = random.Random(4)
    join_started = time.perf_counter()
    sessions = []
    turns = itertools.cycle(urls)
    for batch in range(0, args.participants, 10):  # a room joins over a few seconds, not at once
        sessions += await asyncio.gather(
            *(joined(next(turns), code) for _ in range(batch, min(batch + 10, args.participants)))
        )
    join_seconds = time.perf_counter() - join_started
    record = {"latencies": [], "last_ack": 0.0, "final": {}, "votes_done": asyncio.Event()}
    stop = asyncio.Event()
    plans = []
    for _ in sessions:
        first = rng.uniform(0, args.window)
        plan = [(first, rng.randint(1, 4))]
        if rng.random() < 0.25:
            plan.append((first + 3, rng.randint(1, 4)))  # a change of mind
        plans.append(plan)
    cpu_before, start = cpu_seconds(pids), time.perf_counter()
    fac = asyncio.create_task(facilitator(urls[0], query, args.participants + 1, record, stop))
    crowd = [
        asyncio.create_task(participant(s, p, start, record, stop)) for s, p in zip(sessions, plans)
    ]
    total_votes = sum(len(p) for p in plans)
    while len(record["latencies"]) < total_votes:
        await asyncio.sleep(0.05)
    record["votes_done"].set()
    await asyncio.wait_for(fac, timeout=60)
    record["cpu"] = (cpu_seconds(pids) - cpu_before, time.perf_counter() - start)
    stop.set()
    await asyncio.gather(*crowd)
    for session in sessions:
        await session.close()
    record.update(join_seconds=join_seconds, total_votes=total_votes)
    return record


def lost_votes(database: Path | str, workshop_id: str, final: dict) -> int:
    """Participants whose stored current vote is not the last one they were told was saved."""
    con = connect(database)
    db = con.db()
    lost = 0
    for query, phase in final.items():
        token = re.search(r"p=([^&]+)", query).group(1)
        stored = workshop_votes.my_vote(db, workshop_id, token, SUBDOMAIN)
        lost += stored is None or stored[0] != phase
    con.close()
    return lost


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass(frozen=True)
class LoadFigures:
    """What one load run measured (times in seconds)."""

    participants: int
    servers: int
    votes: int
    window: float
    poll: float
    join_seconds: float
    lost: int
    alone_median: float
    median: float
    p95: float
    complete_after: float
    cpu_seconds: float
    wall_seconds: float

    @property
    def cores(self) -> float:
        """The app servers' CPU use while voting, in cores."""
        return self.cpu_seconds / self.wall_seconds


def run(
    participants: int = 60,
    window: float = 20.0,
    poll: float = 3.0,
    timeout: float = 300.0,
    on_server=None,
    servers: int = 1,
    database: str | None = None,
) -> LoadFigures:
    """Start ``servers`` app servers on ``database`` (an empty PostgreSQL database's URL; by default
    a new temporary DuckDB file, one server only), run the baseline voter then the crowd, and
    return the figures. ``on_server(pid)``, when given, is called with the first server's pid once
    it is up (to attach a profiler); what it returns is closed at the end of the run."""
    global POLL
    POLL = poll
    args = argparse.Namespace(participants=participants, window=window, poll=poll)
    folder = Path(tempfile.mkdtemp(prefix="cpss-bench-"))
    target = database or folder / "bench.duckdb"
    if servers > 1 and database is None:
        raise ValueError("Several app servers need a shared database server (a PostgreSQL URL).")
    assessment_id, workshop_id, code = prepare(target)
    query = f"assessment={assessment_id}&workshop={workshop_id}"
    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(_app_server(folder, n, database, poll)) for n in range(servers)]
        pids = server_pids()
        alone = asyncio.run(asyncio.wait_for(baseline(urls[0], code), timeout))
        watcher = on_server(pids[0]) if on_server else None
        try:
            record = asyncio.run(asyncio.wait_for(load(urls, code, query, args, pids), timeout))
        finally:
            if watcher is not None:
                watcher.close()
    latencies = record["latencies"]
    return LoadFigures(
        participants,
        servers,
        record["total_votes"],
        window,
        poll,
        record["join_seconds"],
        lost_votes(target, workshop_id, record["final"]),
        statistics.median(alone),
        statistics.median(latencies),
        percentile(latencies, 0.95),
        record["complete_at"] - record["last_ack"],
        *record["cpu"],
    )


def _app_server(folder: Path, number: int, database: str | None, poll: float):
    """The app under ``streamlit run`` on the benchmark's database (the URL, else the DuckDB file
    in ``folder``), logging to ``folder``."""
    env = {"CPSS_WORKSHOP_POLL_SECONDS": str(poll)}
    if database:
        env["CPSS_DATABASE_URL"] = database
    return serve(
        ROOT / "app.py",
        folder / "bench.duckdb",
        folder / f"server-{number}.log",
        extra_args=("--server.enableXsrfProtection", "false"),
        env=env,
    )


def main() -> None:
    """Run once with the command line's settings and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--window", type=float, default=20.0, help="seconds over which votes come")
    parser.add_argument(
        "--poll",
        type=float,
        default=3.0,
        help="seconds between screen refreshes (CPSS_WORKSHOP_POLL_SECONDS)",
    )
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--servers", type=int, default=1, help="app servers (needs --database)")
    parser.add_argument("--database", help="an empty PostgreSQL database's URL (default: DuckDB)")
    args = parser.parse_args()
    f = run(
        args.participants,
        args.window,
        args.poll,
        args.timeout,
        servers=args.servers,
        database=args.database,
    )
    print(
        f"app servers: {f.servers}; screens refresh every {f.poll:g} s; "
        f"participants: {f.participants} (+1 baseline "
        f"voter), votes cast: {f.votes} over {f.window:.0f} s, joining took {f.join_seconds:.1f} s"
    )
    print(f"lost votes: {f.lost}")
    print(f"vote to acknowledgement, alone (baseline): median {f.alone_median * 1000:.0f} ms")
    print(
        f"vote to acknowledgement, under load: median {f.median * 1000:.0f} ms"
        f" ({f.median / f.alone_median:.1f}x baseline), 95th percentile "
        f"{f.p95 * 1000:.0f} ms ({f.p95 / f.alone_median:.1f}x)"
    )
    print(
        f"last vote acknowledged to facilitator's count complete: {f.complete_after:.1f} s "
        f"(the count polls every {f.poll:g} s)"
    )
    print(
        f"server CPU while voting: {f.cpu_seconds:.1f} s in {f.wall_seconds:.1f} s = "
        f"{f.cores:.2f} cores (of {os.cpu_count()})"
    )


if __name__ == "__main__":
    main()

"""Secrets stay secret: the Discord token and the LLM API key never appear in what a run prints,
logs (at DEBUG), raises or writes, nor in ``/about`` or the evaluation report; ``.env`` is ignored
by git and no tracked file holds anything shaped like a real token or key.

Distinctive fake secrets are set through the environment and through a ``.env`` file in a temp
working directory (both at once: the environment wins and the shadowed ``.env`` values must not
leak either). Real commands then run on the real model and real Chroma, and everything they produce
is searched for every secret and for any 12-character piece of one, also with whitespace removed
(so a secret wrapped across lines by rich still counts).

Tests marked ``subprocess`` start a process (``quotebot`` or ``git``). Endpoints that must fail are
a closed loopback port and a loopback server that answers 401 and echoes the credentials it was
sent, as a careless or hostile endpoint might; nothing here reaches the network.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, MagicMock

import pytest
from typer.testing import CliRunner, Result

from bot.cli import app

REPO = Path(__file__).resolve().parent.parent
EVAL_SET = REPO / "tests" / "data" / "eval_default.jsonl"

# Built from parts so that this file itself does not look like it holds a key (see the last test).
TOKEN_ENV = "MTIz.SECRET-DISCORD-TOKEN-9f3a.envQ7wXk2Lp9Zr4Tb8Vn1Hc6Jd3"
TOKEN_DOTENV = "MTIz.SECRET-DISCORD-TOKEN-4e1b.dotM5sYq8Rf2Kw7Gx0Pa3Ue9"
KEY_ENV = "-".join(["sk", "SECRET", "LLM", "KEY", "env", "b7Qd2Wm9Xs4Lk1Zp6Tn3"])
KEY_DOTENV = "-".join(["sk", "SECRET", "LLM", "KEY", "dot", "h2Vf8Rc5Yj0Ne7Ua4Gq1"])
URL_PASSWORD = "PW-SECRET-URL-Zx8Kq3Nv6Rt1Yb5"
SECRETS = (TOKEN_ENV, TOKEN_DOTENV, KEY_ENV, KEY_DOTENV)
FRAGMENT = 12

REAL_DISCORD_TOKEN = re.compile(r"[MN][A-Za-z\d]{23,}\.[\w-]{6}\.[\w-]{27,}")
REAL_API_KEY = re.compile(r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}")

runner = CliRunner()


# -- searching -----------------------------------------------------------------------------------


def leaks(text: str, secrets: Iterable[str] = SECRETS) -> list[str]:
    """Every secret of which some 12-character piece occurs in ``text`` (or in it without whitespace)."""
    haystack = text + "\n" + re.sub(r"\s+", "", text)
    found = []
    for secret in secrets:
        if any(secret[i : i + FRAGMENT] in haystack for i in range(len(secret) - FRAGMENT + 1)):
            found.append(secret)
    return found


def assert_clean(what: str, text: str, secrets: Iterable[str] = SECRETS) -> None:
    found = leaks(text, secrets)
    assert not found, f"{what} shows a secret ({found}):\n{text[-4000:]}"


def records_text(records: Iterable[logging.LogRecord]) -> str:
    """Log records as any handler could render them: message, arguments, extras, traceback, stack."""
    formatter = logging.Formatter()
    parts = []
    for r in records:
        parts.append(f"{r.levelname} {r.name}: {r.getMessage()} {vars(r)!r}")
        if r.exc_info:
            parts.append(formatter.formatException(r.exc_info))
        if r.stack_info:
            parts.append(r.stack_info)
    return "\n".join(parts)


def result_text(result: Result) -> str:
    parts = [result.output, result.stdout, result.stderr, repr(result.exception)]
    if result.exc_info and result.exception is not None and not isinstance(result.exception, SystemExit):
        parts.append("".join(traceback.format_exception(*result.exc_info)))
    return "\n".join(parts)


def exception_text(exc: BaseException) -> str:
    """str, repr and the full chained traceback of an exception."""
    return "\n".join([str(exc), repr(exc), "".join(traceback.format_exception(exc))])


def assert_files_clean(root: Path, skip: Iterable[Path] = ()) -> int:
    """Search every file under ``root`` (bytes, so binary files too); return how many were searched."""
    skipped = {p.resolve() for p in skip}
    count = 0
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.resolve() not in skipped:
            assert_clean(f"file {path}", path.read_bytes().decode("latin-1"))
            count += 1
    return count


# -- environments ----------------------------------------------------------------------------------


@dataclass
class SecretEnv:
    root: Path
    mode: str
    dotenv: Path
    env: dict[str, str]  # the QUOTEBOT_* variables set in this process (and passed to subprocesses)

    @property
    def token(self) -> str:
        return TOKEN_ENV if self.mode == "env" else TOKEN_DOTENV

    @property
    def key(self) -> str:
        return KEY_ENV if self.mode == "env" else KEY_DOTENV

    def set(self, monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
            self.env[name] = value

    def subprocess_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
        env.update(
            HF_HUB_OFFLINE="1",
            TRANSFORMERS_OFFLINE="1",
            ANONYMIZED_TELEMETRY="False",
            TOKENIZERS_PARALLELISM="false",
            COLUMNS="200",
            QUOTEBOT_LOG_LEVEL="DEBUG",
        )
        env.update(self.env)
        return env


def install_secrets(monkeypatch: pytest.MonkeyPatch, root: Path, mode: str) -> SecretEnv:
    """``.env`` in a fresh working dir always; in mode "env" the environment too (and it wins)."""
    for key in list(os.environ):
        if key.startswith("QUOTEBOT_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(root)
    dotenv = root / ".env"
    dotenv.write_text(
        f"QUOTEBOT_DISCORD_TOKEN={TOKEN_DOTENV}\nQUOTEBOT_LLM_API_KEY='{KEY_DOTENV}'\n", encoding="utf-8"
    )
    secret_env = SecretEnv(root, mode, dotenv, {})
    if mode == "env":
        secret_env.set(monkeypatch, QUOTEBOT_DISCORD_TOKEN=TOKEN_ENV, QUOTEBOT_LLM_API_KEY=KEY_ENV)
    return secret_env


@pytest.fixture(params=["env", "dotenv"])
def secret_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> SecretEnv:
    return install_secrets(monkeypatch, tmp_path, request.param)


@pytest.fixture(scope="module")
def index_copy(default_index: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the session's index (same folder name, so the same Chroma namespace), for
    runs that write to it (eval) or open it from another process."""
    source = Path(default_index.store.index_dir)
    target = tmp_path_factory.mktemp("secrets-index") / source.name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class EchoServer(ThreadingHTTPServer):
    """Answers every request with 401 and a body that repeats the Authorization header it got."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _EchoHandler)
        self.seen: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _EchoHandler(BaseHTTPRequestHandler):
    server: EchoServer

    def _reply(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        auth = self.headers.get("Authorization", "")
        self.server.seen.append(auth)
        body = json.dumps(
            {
                "error": {"message": f"Incorrect API key provided: {auth}", "code": "invalid_api_key"},
                "message": f"401: Unauthorized ({auth})",
                "code": 0,
            }
        ).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _reply

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def echo_server() -> Iterator[EchoServer]:
    server = EchoServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def quotebot(
    args: list[str], secret_env: SecretEnv, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``quotebot ARGS`` in a new process, in the secrets' working dir, logging at DEBUG."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=secret_env.root,
            env=secret_env.subprocess_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`quotebot {' '.join(args)}` hung for {timeout:.0f} s; output so far: {exc.output!r}")


# -- settings ---------------------------------------------------------------------------------------


def test_settings_load_the_secrets_and_never_show_them(secret_env: SecretEnv) -> None:
    from bot.settings import Settings

    settings = Settings()
    assert settings.discord_token is not None and settings.llm_api_key is not None
    assert settings.discord_token.get_secret_value() == secret_env.token  # the fixture really works
    assert settings.llm_api_key.get_secret_value() == secret_env.key
    for what, text in (
        ("repr(Settings())", repr(settings)),
        ("str(settings)", str(settings)),
        ("model_dump()", repr(settings.model_dump())),
        ("str(model_dump())", str(settings.model_dump())),
        ("model_dump(mode='json')", json.dumps(settings.model_dump(mode="json"))),
        ("model_dump_json()", settings.model_dump_json()),
        ("format(settings)", f"{settings!s} {settings!r} {settings.discord_token} {settings.llm_api_key}"),
        ("store and index config", f"{settings.store_config()!r} {settings.index_config()!r}"),
    ):
        assert_clean(what, text)


def test_credentials_in_the_llm_base_url_are_not_shown(secret_env: SecretEnv) -> None:
    from bot.settings import Settings

    url = f"http://quotebot:{URL_PASSWORD}@127.0.0.1:{closed_port()}/v1"
    settings = Settings(llm_base_url=url)
    for text in (repr(settings), str(settings), settings.model_dump_json()):
        assert_clean("settings with a credentialed base URL", text, [URL_PASSWORD])


# -- the CLI, in process, with every log record at DEBUG ----------------------------------------------


def test_cli_help_ask_and_status_show_no_secret(
    secret_env: SecretEnv, default_index: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    index = str(default_index.store.index_dir)
    runs = {
        "--help": runner.invoke(app, ["--help"]),
        "ask --json": runner.invoke(
            app, ["-v", "--index-dir", index, "ask", "What about Ukraine?", "--json"]
        ),
        "ask": runner.invoke(app, ["-v", "--index-dir", index, "ask", "When does New START expire?"]),
        "index --status": runner.invoke(app, ["-v", "--index-dir", index, "index", "--status"]),
    }
    for name, result in runs.items():
        assert result.exit_code == 0, (name, result.output)
        assert_clean(f"quotebot {name}", result_text(result))
    assert json.loads(runs["ask --json"].stdout)["quotes"]
    assert caplog.records, "nothing was logged: the DEBUG capture is not working"
    assert_clean("log records", records_text(caplog.records))
    assert_files_clean(secret_env.root, skip=[secret_env.dotenv])


@pytest.mark.parametrize(
    "name, value",
    [
        ("QUOTEBOT_DISCORD_OWNER_IDS", TOKEN_ENV),  # not JSON: a SettingsError
        ("QUOTEBOT_DISCORD_OWNER_IDS", json.dumps([TOKEN_ENV])),  # not integers: a ValidationError
        ("QUOTEBOT_LLM_TIMEOUT_S", KEY_ENV),
        ("QUOTEBOT_LOG_LEVEL", KEY_ENV),
    ],
    ids=["owner-ids-not-json", "owner-ids-not-integers", "llm-timeout", "log-level"],
)
def test_a_secret_pasted_into_the_wrong_setting_is_not_echoed(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret_env = install_secrets(monkeypatch, tmp_path, "dotenv")
    secret_env.set(monkeypatch, **{name: value})
    result = runner.invoke(app, ["--index-dir", str(tmp_path / "none"), "index", "--status"])
    assert result.exit_code == 2, result_text(result)
    assert "bad setting" in result.stderr and name.removeprefix("QUOTEBOT_") in result.stderr.upper()
    assert result.stderr.count("\n") <= 2 and "Traceback" not in result_text(result)
    assert_clean(f"a bad {name}", result_text(result))


def test_llm_failure_at_a_closed_port_shows_no_key(
    secret_env: SecretEnv,
    default_index: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.llm import make_chat_model
    from bot.settings import Settings

    secret_env.set(
        monkeypatch,
        QUOTEBOT_LLM_ENABLED="true",
        QUOTEBOT_LLM_BASE_URL=f"http://127.0.0.1:{closed_port()}/v1",
        QUOTEBOT_LLM_TIMEOUT_S="5",
    )
    caplog.set_level(logging.DEBUG)
    index = str(default_index.store.index_dir)
    result = runner.invoke(app, ["-v", "--index-dir", index, "ask", "What about Ukraine?", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert any("LLM endpoint failed" in n for n in answer["notes"]), answer["notes"]  # the LLM path ran
    assert answer["quotes"]
    assert_clean("ask with a failing LLM", result_text(result))
    assert_clean("log records", records_text(caplog.records))

    # The exception itself (message, repr, chained traceback) of the failed call.
    model = make_chat_model(Settings())
    with pytest.raises(Exception) as info:
        model.invoke("Say hello.")
    assert_clean("the failed LLM call's exception", exception_text(info.value))
    assert_clean("log records", records_text(caplog.records))


@pytest.mark.subprocess
def test_llm_endpoint_that_echoes_the_key_subprocess(
    index_copy: Path, echo_server: EchoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A real ``quotebot ask`` process at DEBUG against an endpoint that repeats the key back."""
    from bot.llm import make_chat_model
    from bot.settings import Settings

    secret_env = install_secrets(monkeypatch, tmp_path, "env")
    secret_env.set(
        monkeypatch,
        QUOTEBOT_LLM_ENABLED="true",
        QUOTEBOT_LLM_BASE_URL=f"{echo_server.url}/v1",
        QUOTEBOT_LLM_TIMEOUT_S="10",
    )
    out = quotebot(["--index-dir", str(index_copy), "ask", "What about Ukraine?", "--json"], secret_env)
    assert out.returncode == 0, out.stderr
    assert any(KEY_ENV in seen for seen in echo_server.seen), "the key never reached the endpoint"
    answer = json.loads(out.stdout)
    assert any("LLM endpoint failed" in n for n in answer["notes"]), answer["notes"]
    assert "DEBUG" in out.stderr, "QUOTEBOT_LOG_LEVEL=DEBUG had no effect"
    assert_clean("stdout of quotebot ask", out.stdout)
    assert_clean("stderr of quotebot ask", out.stderr)
    assert "Traceback" not in out.stderr
    assert_files_clean(secret_env.root, skip=[secret_env.dotenv])

    # The library's own exception does carry what the endpoint said (the echoed key): that is why
    # bot.llm reports only the exception's type, never its message.
    with pytest.raises(Exception) as info:
        make_chat_model(Settings()).invoke("Say hello.")
    assert KEY_ENV in exception_text(info.value)


# -- Discord ------------------------------------------------------------------------------------------


@pytest.mark.subprocess
def test_discord_without_network_fails_in_one_line_subprocess(
    index_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`quotebot discord` with the token from .env, on a machine that cannot reach Discord."""
    secret_env = install_secrets(monkeypatch, tmp_path, "dotenv")
    out = quotebot(["--index-dir", str(index_copy), "discord"], secret_env, timeout=120)
    lines = [line for line in out.stderr.splitlines() if line.startswith("quotebot discord:")]
    # Offline: "cannot reach Discord" (exit 1); with a network, Discord rejects the fake token (exit 2).
    assert out.returncode in (1, 2), out.stderr
    assert len(lines) == 1 and ("cannot reach Discord" in lines[0] or "rejected" in lines[0]), out.stderr
    assert "Traceback" not in out.stderr
    assert_clean("stdout of quotebot discord", out.stdout)
    assert_clean("stderr of quotebot discord", out.stderr)
    assert_files_clean(secret_env.root, skip=[secret_env.dotenv])


async def test_discord_login_exceptions_show_no_token(
    echo_server: EchoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exceptions of a failed login: no route to Discord, and a rejected token."""
    import discord

    from bot.discord.bot import make_intents

    client = discord.Client(intents=make_intents())
    try:
        with pytest.raises(Exception) as info:  # offline: DNS or connection error; online: LoginFailure
            await client.login(TOKEN_ENV)
    finally:
        await client.close()
    assert_clean("the offline login's exception", exception_text(info.value))

    monkeypatch.setattr(discord.http.Route, "BASE", f"{echo_server.url}/api/v10")
    client = discord.Client(intents=make_intents())
    try:
        with pytest.raises(discord.LoginFailure) as rejected:
            await client.login(TOKEN_ENV)
    finally:
        await client.close()
    assert any(TOKEN_ENV in seen for seen in echo_server.seen)
    assert_clean("LoginFailure", f"{rejected.value!s} {rejected.value!r}")


def test_rejected_token_run_shows_no_token(
    echo_server: EchoServer,
    default_service: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The real ``run_discord`` → ``bot.run`` path against a "Discord" that echoes the token in its 401."""
    import discord

    from bot.discord import runner as discord_runner
    from bot.settings import Settings

    install_secrets(monkeypatch, tmp_path, "dotenv")
    caplog.set_level(logging.DEBUG)
    monkeypatch.setattr(discord.http.Route, "BASE", f"{echo_server.url}/api/v10")
    # Reuse the session's real service instead of loading the model once more.
    monkeypatch.setattr(
        discord_runner.QuoteService, "from_settings", classmethod(lambda cls, s: default_service)
    )
    assert discord_runner.run_discord(Settings()) == 2
    assert any(TOKEN_DOTENV in seen for seen in echo_server.seen), "the token never reached the server"
    captured = capsys.readouterr()
    assert discord_runner.REJECTED_TOKEN in captured.err and "Traceback" not in captured.err
    assert_clean("run_discord output", captured.out + captured.err)
    assert_clean("log records", records_text(caplog.records))


async def test_about_and_the_about_embed_show_no_secret(
    secret_env: SecretEnv, default_index: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import discord

    from bot.discord.bot import QuoteBot
    from bot.service import QuoteService
    from bot.settings import Settings

    secret_env.set(
        monkeypatch,
        QUOTEBOT_INDEX_DIR=str(default_index.store.index_dir),
        QUOTEBOT_LLM_ENABLED="true",
        QUOTEBOT_LLM_BASE_URL=f"http://127.0.0.1:{closed_port()}/v1",
    )
    settings = Settings()
    service = QuoteService.from_settings(settings)
    about = service.about()
    assert about["llm"] is True and about["documents"]
    assert_clean("QuoteService.about()", json.dumps(about, default=str) + repr(about))

    bot = QuoteBot(settings, service)
    await bot.setup_hook()
    try:
        meta: Any = bot.get_cog("Meta")
        interaction = MagicMock(spec_set=discord.Interaction)
        interaction.client = bot
        interaction.response = AsyncMock(spec_set=discord.InteractionResponse)
        await meta.about.callback(meta, interaction)
        interaction.response.send_message.assert_awaited_once()
        embed: discord.Embed = interaction.response.send_message.await_args.kwargs["embed"]
        assert embed.fields
        assert_clean("the /about embed", json.dumps(embed.to_dict(), ensure_ascii=False))
    finally:
        await bot.close()


# -- evaluation ---------------------------------------------------------------------------------------


def test_eval_output_report_and_files_show_no_secret(
    index_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """One `quotebot eval` of the default set (tens of seconds): terminal, logs, JSON, report, index.

    LLM mode is switched on with the key set; the evaluation builds its own service without the LLM,
    so this checks that the settings do not travel into what it writes."""
    secret_env = install_secrets(monkeypatch, tmp_path, "env")
    secret_env.set(
        monkeypatch,
        QUOTEBOT_LLM_ENABLED="true",
        QUOTEBOT_LLM_BASE_URL=f"http://127.0.0.1:{closed_port()}/v1",
    )
    caplog.set_level(logging.DEBUG)
    out_json = tmp_path / "out" / "eval.json"
    report = tmp_path / "report"
    result = runner.invoke(
        app,
        [
            "-v",
            "--index-dir",
            str(index_copy),
            "eval",
            str(EVAL_SET),
            "--json",
            str(out_json),
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 0, result.output
    assert out_json.exists() and (report / "report.md").exists() and (report / "ablations.png").exists()
    assert_clean("quotebot eval", result_text(result))
    assert_clean("log records", records_text(caplog.records))
    assert assert_files_clean(tmp_path, skip=[secret_env.dotenv]) >= 5  # JSON, report.md, 3 charts
    assert_files_clean(index_copy)


# -- the repository ------------------------------------------------------------------------------------


@pytest.mark.subprocess
def test_dotenv_is_ignored_and_no_tracked_file_holds_a_secret() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    for dotenv in (".env", "bot/.env"):
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", dotenv], cwd=REPO, capture_output=True, timeout=30
        )
        assert ignored.returncode == 0, f"{dotenv} is not matched by .gitignore"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True, timeout=30
    ).stdout.split(b"\0")
    assert b".env" not in tracked
    offenders = []
    for name in filter(None, tracked):
        path = REPO / name.decode()
        if not path.is_file():
            continue  # deleted in the working tree
        data = path.read_bytes()
        if b"\0" in data:
            continue  # binary
        text = data.decode("utf-8", "replace")
        for pattern in (REAL_DISCORD_TOKEN, REAL_API_KEY):
            offenders += [f"{name.decode()}: {m.group(0)[:8]}…" for m in pattern.finditer(text)]
    assert not offenders, offenders

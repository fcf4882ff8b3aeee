"""The interactive chat: line editing and history (prompt_toolkit), follow-ups, and a few commands.

When standard input is not a terminal (scripted use, tests), it reads plain lines instead, so the
same loop can be driven by a script.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from index.errors import QuotebotError

from .messages import user_message
from .models import Answer, Quote, Turn
from .render import render_answer, render_context

if TYPE_CHECKING:
    from .service import QuoteService

HELP = """Ask a question in plain words. Follow-ups use the conversation ("and on Sundays?").
Commands:
  /context N      show the text around quote N of the last answer
  /source NAME    answer only from this source (e.g. {example}); /source off to clear
  /sources        list the sources in the index
  /clear          forget the conversation
  /help           this help
  /quit           leave (so do "quit", "exit" or "bye" alone, Ctrl-D and Ctrl-C)"""


def help_text(labels: list[str]) -> str:
    """The help, its examples taken from the index's own sources: a user who indexed their own
    documents is not told to type "NATO"."""
    short = sorted((label for label in labels if len(label) <= 30), key=len)
    return HELP.format(example=", ".join(f"'{label}'" for label in short[:2]) or "a section's heading")


#: A line of one of these words alone leaves the chat as /quit does.
_LEAVE_WORDS = frozenset({"quit", "exit", "bye"})


class ChatSession:
    def __init__(
        self,
        service: QuoteService,
        console: Console,
        source: str | None = None,
        top_k: int | None = None,
        read_line: Callable[[str], str] | None = None,
        history_file: Path | None = None,
    ) -> None:
        self.service = service
        self.console = console
        self.source = source
        self.top_k = top_k
        self.history: list[Turn] = []
        self.last: Answer | None = None
        self.shown: list[Quote] = []
        self._read_line = read_line or self._default_reader(history_file)

    def _default_reader(self, history_file: Path | None) -> Callable[[str], str]:
        if not sys.stdin.isatty():

            def plain(prompt: str) -> str:
                line = sys.stdin.readline()
                if not line:
                    raise EOFError
                return line.rstrip("\n")

            return plain
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory, InMemoryHistory

        history = InMemoryHistory()
        if history_file is not None:
            try:
                history_file.parent.mkdir(parents=True, exist_ok=True)
                history = FileHistory(str(history_file))  # type: ignore[assignment]
            except OSError:
                pass
        session: PromptSession[str] = PromptSession(history=history)
        return lambda prompt: session.prompt(prompt)

    def _prompt(self) -> str:
        return f"[{self.source}] ask> " if self.source else "ask> "

    def run(self) -> None:
        about = self.service.about()
        labels = about["section_labels"]
        self.console.print(
            Text(f"Quotebot — {about['documents']} document(s), {len(labels)} source(s)", style="bold")
        )
        if len(labels) <= 8:
            self._sources()
        else:
            self.console.print(Text("/sources lists them", style="dim"))
        self.console.print(Text("Type a question, /help for commands, /quit to leave.", style="dim"))
        while True:
            try:
                line = self._read_line(self._prompt())
            except (EOFError, KeyboardInterrupt):
                self.console.print(Text("bye", style="dim"))
                return
            line = line.strip()
            if not line:
                continue
            # "quit" or "exit" alone is how most terminal programs are left: no question is one of these words
            if line.startswith("/") or line.lower().rstrip(".!") in _LEAVE_WORDS:
                if not self.command(line if line.startswith("/") else "/quit"):
                    self.console.print(Text("bye", style="dim"))
                    return
                continue
            self.ask(line)

    def ask(self, question: str) -> None:
        try:
            answer = self.service.ask(question, history=self.history, source=self.source, top_k=self.top_k)
        except QuotebotError as exc:  # a bad question, the store went away…: say so, stay open
            message = user_message(exc, operator=True)
            style = "yellow" if message.kind == "question" else "red"
            self.console.print(
                Text(message.text if style == "yellow" else f"error: {message.text}", style=style)
            )
            return
        self.shown = render_answer(self.console, answer)
        self.last = answer
        self.history.append(self.service.turn(answer))
        del self.history[:-10]

    def command(self, line: str) -> bool:
        """Run a slash command; False means leave."""
        name, _, arg = line[1:].partition(" ")
        name, arg = name.lower(), arg.strip()
        if name in ("quit", "exit", "q"):
            return False
        if name in ("help", "h", "?"):
            self.console.print(help_text(self.service.sections), highlight=False)
        elif name == "sources":
            self._sources()
        elif name == "clear":
            self.history.clear()
            self.last = None
            self.shown = []
            note = "conversation cleared"
            if self.source:  # the pin is a setting, not part of the conversation: kept, and said so
                note += f"; still answering only from '{self.source}' (/source off to answer from all)"
            self.console.print(Text(note, style="dim"))
        elif name == "source":
            if not arg or arg.lower() in ("off", "none", "all"):
                self.source = None
                self.console.print(Text("answering from all sources", style="dim"))
            else:
                found = self.service.resolve_sources(arg)
                if not found:
                    self.console.print(Text(f"no source matches '{arg}'; the sources are:", style="yellow"))
                    self._sources()
                else:
                    self.source = arg
                    self.console.print(Text("answering only from:", style="dim"))
                    self._sources(found)
        elif name == "context":
            self._context(arg)
        else:
            self.console.print(Text(f"unknown command /{name}; /help lists the commands", style="yellow"))
        return True

    def _sources(self, labels: list[str] | None = None) -> None:
        """One source per line: labels are document titles and headings, which may hold commas. All
        of a folder's sources come under their documents, in reading order ("1. Rent" before "2.")."""
        if labels is None:
            documents = self.service.sources_by_document()
            if len(documents) > 1:
                for doc_id, doc_labels in documents:
                    self.console.print(Text(f"  {doc_id}", style="bold"), highlight=False)
                    for label in doc_labels:
                        self.console.print(Text("    • ") + Text(label, style="cyan"), highlight=False)
                return
            labels = self.service.sections
        for label in labels:
            self.console.print(Text("  • ") + Text(label, style="cyan"), highlight=False)

    def _context(self, arg: str) -> None:
        quotes = self.shown
        if not quotes:
            self.console.print(Text("no quotes yet: ask a question first", style="yellow"))
            return
        try:
            n = int(arg or "1")
            quote = quotes[n - 1]
            if n < 1:
                raise IndexError
        except (ValueError, IndexError):
            self.console.print(Text(f"/context takes a quote number from 1 to {len(quotes)}", style="yellow"))
            return
        before, text, after = self.service.context(quote)
        render_context(self.console, n, quote, before, text, after)

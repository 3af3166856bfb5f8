"""The one error boundary: known errors -> a message and exit 1; the rest -> exit 3."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn

from kh121.messages import t


class KnownError(Exception):
    """A user's mistake or a missing file: said in one sentence, in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en

    def text(self, lang: str) -> str:
        return t(self.vi, self.en, lang)


EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2
EXIT_BUG = 3


def run_guarded(action: Callable[[], int], lang: str) -> NoReturn:
    """Run a command; turn every failure into a message and an exit status."""
    import typer

    from kh121.paths import RootNotFoundError
    from kh121.workspace import WorkspaceError

    # typer vendors click in some releases and depends on it in others: find its class.
    usage_error: type[Exception] = next(
        c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError"
    )
    try:
        code = action()
    except usage_error as exc:
        exc.show()  # type: ignore[attr-defined]  # click's UsageError prints itself
        code = EXIT_USAGE
    except KnownError as exc:
        print(f"kh121: {exc.text(lang)}", file=sys.stderr)
        code = EXIT_FAIL
    except WorkspaceError as exc:
        from kh121.presenters.problems import print_problems

        print_problems(exc.problems, lang, as_json=False, stream=sys.stderr)
        code = EXIT_FAIL
    except RootNotFoundError as exc:
        print(
            "kh121: "
            + t(
                f"không tìm thấy data/tasks.yaml trong '{exc}' hay thư mục cha nào;"
                " dùng --root THƯ_MỤC hoặc biến KH121_ROOT",
                f"no data/tasks.yaml in '{exc}' or any parent folder; use --root DIR or KH121_ROOT",
                lang,
            ),
            file=sys.stderr,
        )
        code = EXIT_FAIL
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = EXIT_OK
    except Exception as exc:  # the boundary: anything else is our bug, said so plainly
        print(
            "kh121: "
            + t(
                "lỗi không mong đợi — xin báo lại cho nhóm phát triển, kèm lệnh đã chạy:",
                "an unexpected error has occurred — please report it with the command you ran:",
                lang,
            )
            + f" {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        code = EXIT_BUG
    sys.exit(code)

"""``newsgraph serve``: the web app and JSON API over the knowledge base."""

from __future__ import annotations

import typer
from rich.markup import escape

from ._app import app, err_console, errors_to_exit, fail, state


@app.command("serve")
def serve_cli(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    write_token: str = typer.Option(None, "--write-token", metavar="TOKEN", envvar="NEWSGRAPH_WRITE_TOKEN",
                                    help="Turn on curation (merge, split, rename, reject, confirm) for requests "
                                    "carrying 'Authorization: Bearer TOKEN' (at least 8 characters; the pages ask "
                                    "for it once per tab). Without it, writes are off."),
) -> None:
    """Browse the knowledge base in a web browser, with a JSON API (docs at /docs).

    Pages: search, an entity's profile (posts over time, events, quotes, relations, sources),
    the network around an entity, an article with its mentions and evidence highlighted, and
    /posts (who held a post). Every page has a .json twin; /api/... mirrors the CLI's --json.

    The base is opened read-only. Writes (merge, split, rename, reject, confirm) are off unless
    you give --write-token: then a request must carry "Authorization: Bearer TOKEN", and the
    pages show curation controls (paste the token once per tab). Every change goes to the
    curation log. Keep the token secret; anyone holding it can edit the base.

    Stop the server with Ctrl-C.

    Examples:

      newsgraph serve                                  # http://127.0.0.1:8000, read-only

      newsgraph --db kb.db serve --port 8080           # another base and port

      newsgraph --db kb.db serve --write-token "$(openssl rand -hex 16)"   # curation on

      NEWSGRAPH_WRITE_TOKEN=... newsgraph serve        # token from the environment

      newsgraph serve --host 0.0.0.0                   # reachable from other machines (warns)
    """
    import uvicorn

    from ..web import create_app

    if write_token is not None and len(write_token) < 8:
        raise fail("--write-token must be at least 8 characters")
    with errors_to_exit():
        web = create_app(state.db_url, write_token=write_token)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] listening on {escape(host)}: anyone who can reach it can read the base")
    shown = f"[{host}]" if ":" in host else host
    err_console.print(escape(f"newsgraph: serving on http://{shown}:{port}/ (writes {'on' if write_token else 'off'})"),
                      soft_wrap=True)
    uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)

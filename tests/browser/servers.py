"""Real nginx, Apache and Caddy, from Debian's packages, serving a built site on loopback.

Each server runs as a child process of the tests on a free port, with its own configuration,
pid and log files in a temporary folder, and is stopped (by its process id) afterwards.
The configuration is the shipped one (``docs/hosting/``, or the ``.htaccess`` the build
writes) with only the adaptations ``docs/hosting/README.md`` lists: server name, address
(plain HTTP on loopback instead of a certificate on port 443), root and prefix. What only
the test needs (a port, temporary paths, the modules Debian enables) is in a wrapper
configuration around it, as a Debian host has it in ``/etc``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import REPO

HOSTING = REPO / "docs/hosting"
#: the modules of a default Debian apache2 installation this site relies on or meets
APACHE_MODULES = ["mpm_event", "authz_core", "mime", "dir", "headers", "rewrite", "filter"]
APACHE_MODULES += ["deflate", "setenvif"]  # Debian enables mod_deflate by default
APACHE_MODULES += ["autoindex"]  # and mod_autoindex, with "Options Indexes" for /var/www
DEBIAN_PACKAGES = "nginx libnginx-mod-http-brotli-static apache2 caddy"


@dataclass
class Server:
    name: str
    version: str
    url: str  # the site's address, prefix included, ending in "/"
    process: subprocess.Popen
    folder: Path
    logs: list[Path] = field(default_factory=list)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.logs if p.is_file())


def replace_once(text: str, old: str, new: str) -> str:
    """One documented adaptation; fails when the shipped file no longer has the line."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in the shipped configuration"
    return text.replace(old, new)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving_folder(site: Path, prefix: str) -> tuple[Path, Path]:
    """A world-readable copy of ``site`` at ``<www>/<prefix>``: a server that drops root
    privileges must read it. Returns (temporary folder, document root)."""
    folder = Path(tempfile.mkdtemp(prefix="sf-server-"))
    folder.chmod(0o755)
    www = folder / "www"
    shutil.copytree(site, www / prefix.strip("/"), dirs_exist_ok=True)
    for path in [www, *www.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder, www


def _binary(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not path:
        pytest.fail(f"{name} is missing: `make test` installs Debian's {DEBIAN_PACKAGES}")
    return path


def _version(command: list[str], pattern: str) -> str:
    out = subprocess.run(command, capture_output=True, text=True, timeout=20)
    found = re.search(pattern, out.stdout + out.stderr)
    return found.group(1) if found else "unknown"


VERSION_COMMANDS = {
    "nginx": (["nginx", "-v"], r"nginx/(\S+)"),
    "apache": (["apache2", "-v"], r"Apache/(\S+)"),
    "caddy": (["caddy", "version"], r"v?(\d+\.\d+\.\d+)"),
}


def server_version(name: str) -> str:
    """The version of an installed server, "missing" when it is not installed."""
    command, pattern = VERSION_COMMANDS[name]
    binary = shutil.which(command[0]) or shutil.which(command[0], path="/usr/sbin:/usr/bin")
    return _version([binary, *command[1:]], pattern) if binary else "missing"


def _wait_until_up(server: Server, timeout: float = 15.0) -> Server:
    port = int(server.url.split(":")[2].split("/")[0])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.05)
    log = server.log_text()
    server.stop()
    pytest.fail(f"{server.name} did not start:\n{log}")


def _as_root() -> bool:
    return os.geteuid() == 0


def start_nginx(site: Path, prefix: str = "/") -> Server:
    folder, www = serving_folder(site, prefix)
    port = free_port()
    conf = (HOSTING / "nginx.conf").read_text(encoding="utf-8")
    conf = replace_once(conf, "    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{port};\n")
    conf = replace_once(conf, "    listen [::]:443 ssl http2;\n", "")
    conf = replace_once(conf, "server_name servicefinder.example.org;", "server_name 127.0.0.1;")
    conf = re.sub(r"    ssl_certificate(_key)? .*\n", "", conf)
    conf = replace_once(conf, "root /srv/servicefinder/site;", f"root {www};")
    conf = replace_once(conf, "error_page 404 /404.html;", f"error_page 404 {prefix}404.html;")
    (folder / "site.conf").write_text(conf, encoding="utf-8")
    temp = "".join(
        f"    {kind}_temp_path {folder}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"""daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{"user nobody nogroup;" if _as_root() else ""}
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}    include {folder}/site.conf;
}}
""",
        encoding="utf-8",
    )
    binary = _binary("nginx")
    version = server_version("nginx")
    process = subprocess.Popen(
        [binary, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-e", "stderr"],
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "stderr.log", "wb"),  # noqa: SIM115 (the process owns it)
    )
    server = Server("nginx", version, f"http://127.0.0.1:{port}{prefix}", process, folder)
    server.logs = [folder / "stderr.log", folder / "error.log"]
    return _wait_until_up(server)


def start_apache(site: Path, prefix: str = "/") -> Server:
    """Apache with the ``.htaccess`` the build wrote into the site (``server_files``)."""
    folder, www = serving_folder(site, prefix)
    assert (www / prefix.strip("/") / ".htaccess").is_file(), "the build wrote no .htaccess"
    port = free_port()
    mods = Path("/etc/apache2/mods-available")
    includes = "".join(
        f"Include {mods / (name + ext)}\n"
        for name in APACHE_MODULES
        for ext in (".load", ".conf")
        if (mods / (name + ext)).is_file()
    )
    user = "User nobody\nGroup nogroup\n" if _as_root() else ""
    (folder / "apache2.conf").write_text(
        f"""ServerRoot {folder}
DefaultRuntimeDir {folder}
PidFile {folder}/apache2.pid
ErrorLog {folder}/error.log
LogLevel warn
Mutex posixsem
{user}Listen 127.0.0.1:{port}
ServerName 127.0.0.1
{includes}TypesConfig /etc/mime.types
DocumentRoot {www}
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {www}>
    # Debian's default for /var/www: folders are listed unless the site says otherwise
    Options Indexes FollowSymLinks
    AllowOverride FileInfo
    Require all granted
</Directory>
""",
        encoding="utf-8",
    )
    binary = _binary("apache2")
    version = server_version("apache")
    process = subprocess.Popen(
        [binary, "-f", str(folder / "apache2.conf"), "-D", "FOREGROUND"],
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "stderr.log", "wb"),  # noqa: SIM115 (the process owns it)
        env={**os.environ, "APACHE_RUN_DIR": str(folder), "APACHE_LOG_DIR": str(folder)},
    )
    server = Server("apache", version, f"http://127.0.0.1:{port}{prefix}", process, folder)
    server.logs = [folder / "stderr.log", folder / "error.log"]
    return _wait_until_up(server)


def start_caddy(site: Path, prefix: str = "/") -> Server:
    folder, www = serving_folder(site, prefix)
    port = free_port()
    conf = (HOSTING / "Caddyfile").read_text(encoding="utf-8")
    conf = replace_once(conf, "servicefinder.example.org {", f"http://127.0.0.1:{port} {{")
    conf = replace_once(conf, "root * /srv/servicefinder/site", f"root * {www}")
    conf = replace_once(conf, "rewrite * /404.html", f"rewrite * {prefix}404.html")
    # the test's own global option: no admin endpoint (its state stays in the folder)
    conf = "{\n\tadmin off\n}\n\n" + conf
    (folder / "Caddyfile").write_text(conf, encoding="utf-8")
    binary = _binary("caddy")
    version = server_version("caddy")
    home = {k: str(folder) for k in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    process = subprocess.Popen(
        [binary, "run", "--config", str(folder / "Caddyfile"), "--adapter", "caddyfile"],
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "stderr.log", "wb"),  # noqa: SIM115 (the process owns it)
        env={**os.environ, **home},
    )
    server = Server("caddy", version, f"http://127.0.0.1:{port}{prefix}", process, folder)
    server.logs = [folder / "stderr.log"]
    return _wait_until_up(server)


STARTERS: dict[str, Callable[[Path, str], Server]] = {
    "nginx": start_nginx,
    "apache": start_apache,
    "caddy": start_caddy,
}

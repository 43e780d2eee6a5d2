#!/usr/bin/env python3
"""Drives the FilterMX IMAP quarantine with Python's imaplib, for ImapPythonClientIT.

Each scenario logs in (over STARTTLS, or implicit TLS with --implicit-tls), does what a mail
client would, and prints one JSON object on its last line of output describing what the server
answered; the Java test asserts on it. The exit status is 0 when the scenario ran to its end
(whatever the server answered), 1 when it could not (a traceback on stderr).

The gateway's certificate is self-signed: this client trusts it without checking, as the tests'
other clients do.
"""

import argparse
import imaplib
import json
import socket
import ssl
import sys

# RFC 2971: imaplib does not know the ID command that Thunderbird and Apple Mail send.
imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED", "LOGOUT"))
imaplib.Commands.setdefault("NAMESPACE", ("AUTH", "SELECTED"))


def trust_all():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class BoundMixin:
    """Connects from a chosen loopback address, so that login throttling counts it apart."""

    source_address = None

    def _create_socket(self, timeout):
        sock = socket.create_connection(
            (self.host, self.port),
            timeout,
            source_address=(self.source_address, 0) if self.source_address else None,
        )
        if isinstance(self, imaplib.IMAP4_SSL):
            return self.ssl_context.wrap_socket(sock, server_hostname=self.host)
        return sock


class Plain(BoundMixin, imaplib.IMAP4):
    pass


class Implicit(BoundMixin, imaplib.IMAP4_SSL):
    pass


def text(value):
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def connect(args, starttls=True):
    BoundMixin.source_address = args.source_address
    if args.implicit_tls:
        imap = Implicit(args.host, args.port, ssl_context=trust_all(), timeout=30)
    else:
        imap = Plain(args.host, args.port, timeout=30)
        if starttls:
            imap.starttls(ssl_context=trust_all())
    return imap


def login(args):
    imap = connect(args)
    imap.login(args.user, args.password)
    return imap


def quote(name):
    return '"' + name + '"'


def folders(args):
    imap = connect(args)
    before = sorted(text(c) for c in imap.capabilities)
    imap.login(args.user, args.password)
    typ, data = imap.capability()
    after = text(data[0]).split() if typ == "OK" else []
    typ, id_data = imap._simple_command("ID", '("name" "imaplib" "version" "3")')
    id_answer = imap._untagged_response(typ, id_data, "ID")
    typ, ns_data = imap._simple_command("NAMESPACE")
    ns_answer = imap._untagged_response(typ, ns_data, "NAMESPACE")
    typ, listed = imap.list('""', "*")
    boxes = []
    for line in listed or []:
        if line is None:
            continue
        line = text(line)
        flags = line[line.index("(") + 1 : line.index(")")].split()
        name = line[line.rindex(" ") + 1 :]
        if line.endswith('"'):
            name = line[line.rindex('"', 0, len(line) - 1) + 1 : -1]
        boxes.append({"name": name, "flags": flags})
    typ, lsub = imap.lsub('""', "*")
    typ, status = imap.status(quote("Train as Spam"), "(MESSAGES UIDNEXT UIDVALIDITY)")
    imap.logout()
    return {
        "capabilitiesBeforeLogin": before,
        "capabilities": after,
        "id": [text(x) for x in id_answer[1] if x is not None],
        "namespace": [text(x) for x in ns_answer[1] if x is not None],
        "folders": boxes,
        "lsub": [text(x) for x in lsub or [] if x is not None],
        "status": [text(x) for x in status or [] if x is not None],
    }


def fetch_parts(data):
    """The literals of a FETCH response by the item that announced them, plus the rest."""
    parts = {}
    rest = []
    for item in data:
        if isinstance(item, tuple):
            head = text(item[0])
            end = head.rindex("{")
            start = head.rfind("BODY[", 0, end)
            key = head[start:end].strip() if start >= 0 else "literal"
            parts[key] = text(item[1])
            rest.append(head)
        elif item is not None:
            rest.append(text(item))
    return parts, " ".join(rest)


def inbox(args):
    imap = login(args)
    typ, data = imap.select("INBOX")
    exists = int(text(data[0]))
    uidvalidity = text(imap.response("UIDVALIDITY")[1][0])
    typ, data = imap.uid("SEARCH", "ALL")
    uids = text(data[0]).split()
    typ, data = imap.uid("SEARCH", "SUBJECT", quote(args.subject))
    matching = text(data[0]).split() if typ == "OK" else ["error: " + text(data)]
    messages = []
    for uid in uids:
        typ, data = imap.uid(
            "FETCH",
            uid,
            "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)] BODY.PEEK[]<0.20>)",
        )
        parts, rest = fetch_parts(data)
        typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[] BODYSTRUCTURE ENVELOPE)")
        whole, structure = fetch_parts(data)
        typ, data = imap.uid("FETCH", uid, "(FLAGS)")
        messages.append(
            {
                "uid": uid,
                "first": rest,
                "headerFields": next(
                    (v for k, v in parts.items() if "HEADER.FIELDS" in k), None
                ),
                "partial": next((v for k, v in parts.items() if k.startswith("BODY[]<")), None),
                "whole": next((v for k, v in whole.items() if k == "BODY[]"), None),
                "structure": structure,
                "flagsAfter": text(data[0]),
            }
        )
    imap.close()
    imap.logout()
    return {
        "exists": exists,
        "uidvalidity": uidvalidity,
        "uids": uids,
        "matching": matching,
        "messages": messages,
    }


def copy(args):
    imap = login(args)
    imap.select("INBOX")
    typ, data = imap.uid("SEARCH", "SUBJECT", quote(args.subject))
    uids = text(data[0]).split()
    if not uids:
        return {"error": "no message with subject " + args.subject}
    typ, data = imap.uid("MOVE" if args.move else "COPY", uids[0], quote(args.folder))
    answer = {"status": typ, "response": [text(x) for x in data if x is not None]}
    answer["copyuid"] = [text(x) for x in imap.untagged_responses.get("COPYUID", [])]
    typ, data = imap.uid("SEARCH", "ALL")
    answer["remaining"] = text(data[0]).split()
    imap.logout()
    return answer


def append(args):
    imap = login(args)
    with open(args.file, "rb") as f:
        message = f.read()
    typ, data = imap.append(quote(args.folder), None, None, message)
    imap.logout()
    return {"status": typ, "response": [text(x) for x in data if x is not None]}


def refused_login(args):
    """LOGIN that the server should refuse; with --clear, without STARTTLS first."""
    imap = connect(args, starttls=not args.clear)
    capabilities = sorted(text(c) for c in imap.capabilities)
    try:
        typ, data = imap.login(args.user, args.password)
        answer = {"refused": False, "status": typ}
    except imaplib.IMAP4.error as e:
        answer = {"refused": True, "error": str(e)}
    answer["capabilities"] = capabilities
    try:
        imap.logout()
    except (imaplib.IMAP4.error, OSError):
        pass
    return answer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--source-address")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--subject", default="")
    parser.add_argument("--folder", default="")
    parser.add_argument("--file")
    parser.add_argument("--move", action="store_true")
    parser.add_argument("--clear", action="store_true")
    parser.add_argument(
        "scenario", choices=["folders", "inbox", "copy", "append", "refused-login"]
    )
    args = parser.parse_args()
    scenario = {
        "folders": folders,
        "inbox": inbox,
        "copy": copy,
        "append": append,
        "refused-login": refused_login,
    }[args.scenario]
    print(json.dumps(scenario(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

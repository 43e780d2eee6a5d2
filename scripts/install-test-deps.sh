#!/usr/bin/env bash
# Installs the Debian packages the test suite talks to (a real MariaDB server, Postfix's
# smtp-sink/smtp-source, swaks, Chromium with its WebDriver for the console's browser tests, and
# poppler-utils, whose pdftotext and pdffonts check the rendered PDF reports, dnsmasq as the
# tests' real DNS server, Python's dkimpy as an independent DKIM verifier, and NSD, Unbound and
# ldnsutils for a DNSSEC-signed test zone behind a validating resolver).
# Idempotent: does nothing when everything is present.
set -euo pipefail

# Debian puts the servers in /usr/sbin, which is not on a normal user's PATH.
PATH="$PATH:/usr/sbin:/sbin"
need=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v smtp-sink >/dev/null 2>&1 || [ -x /usr/sbin/smtp-sink ] || need+=(postfix)
command -v swaks >/dev/null 2>&1 || need+=(swaks)
# swaks --tls needs Perl's TLS modules, which are only recommended by the swaks package.
perl -MNet::SSLeay -MIO::Socket::SSL -e1 >/dev/null 2>&1 || need+=(libnet-ssleay-perl libio-socket-ssl-perl)
# The console's browser tests (Console*IT) drive Debian's headless Chromium through chromedriver.
dpkg -s chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s chromium-driver >/dev/null 2>&1 || need+=(chromium-driver)
# The report tests (PdfReportTest) read the rendered PDF's text, fonts and links with poppler.
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# The outgoing-mail tests answer MX/A/TXT with a private dnsmasq (the binary only, no service).
command -v dnsmasq >/dev/null 2>&1 || [ -x /usr/sbin/dnsmasq ] || need+=(dnsmasq-base)
# DkimIT verifies the gateway's signatures independently with dkimpy (Debian's python3, which
# may not be the first python3 on the PATH).
/usr/bin/python3 -c 'import dkim' >/dev/null 2>&1 || need+=(python3-dkim)
# The DANE tests (DnssecZone) sign zones with ldns-signzone, serve them with NSD and validate them
# with a private Unbound (the binaries only; the packaged services are stopped below).
[ -x /usr/sbin/nsd ] || command -v nsd >/dev/null 2>&1 || need+=(nsd)
[ -x /usr/sbin/unbound ] || command -v unbound >/dev/null 2>&1 || need+=(unbound)
command -v ldns-signzone >/dev/null 2>&1 || need+=(ldnsutils)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  # Not root: sudo without a password prompt does it; otherwise say exactly what to install.
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "install-test-deps: missing ${need[*]}; installing them with sudo" >&2
    exec sudo -n "$0" "$@"
  fi
  echo "install-test-deps: the test suite needs ${need[*]}, which are not installed, and this user" >&2
  echo "  cannot install packages. As root run: apt-get install --no-install-recommends ${need[*]}" >&2
  echo "  (or run $0 with sudo)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure itself; the tests only use its smtp-sink and smtp-source tools.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
echo "install-test-deps: installing ${need[*]}"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts the packaged services; the tests run their own private instances instead.
for svc in mariadb postfix nsd unbound; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    systemctl stop "$svc" || true
  fi
done

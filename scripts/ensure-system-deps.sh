#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when something is missing (idempotent):
#   chromium (Playwright e2e), slapd + ldap-utils + openssl (LDAP integration over TLS), crowdsec (CrowdSec LAPI),
#   openssh-server + nftables + iproute2 (firewall host in a network namespace).
# CrowdSec's postinst registers with the online API unless this file exists first; the machine is
# offline, so we create it before installing (see Debian's README.Debian for crowdsec).
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v slapd >/dev/null 2>&1 || [ -x /usr/sbin/slapd ] || need+=(slapd)
command -v ldapsearch >/dev/null 2>&1 || need+=(ldap-utils)
command -v openssl >/dev/null 2>&1 || need+=(openssl) # test CA and certificates for LDAPS/StartTLS
[ -x /usr/bin/crowdsec ] && [ -x /usr/bin/cscli ] || need+=(crowdsec)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || need+=(nftables)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || need+=(iproute2)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)

if [ ${#need[@]} -eq 0 ]; then
  # A crowdsec install interrupted before the fix leaves dpkg half-configured; finish it.
  if dpkg -l crowdsec 2>/dev/null | grep -q '^i[FU]'; then dpkg --configure -a; fi
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-system-deps: missing ${need[*]}; run as root or install them with apt-get" >&2
  exit 1
fi

echo "ensure-system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
mkdir -p /etc/crowdsec
[ -s /etc/crowdsec/online_api_credentials.yaml ] || echo '# no CAPI: offline machine (Vigil test setup)' > /etc/crowdsec/online_api_credentials.yaml
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { dpkg --configure -a && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }
echo "ensure-system-deps: done"

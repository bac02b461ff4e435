#!/bin/bash
# deb/rpm post-remove (an electron-builder template: ${executable} and ${sanitizedProductName} are filled in at packaging time).
# Removes the launcher link, the `cloudmc` link (only while it is still this app's), and unloads and deletes the AppArmor profile,
# but only when the package is really removed: on an upgrade the old package's script runs after the new one linked the launcher (rpm's %postun), and removing it then would take
# the command off PATH. deb postrm: $1 is remove or purge (upgrade, failed-upgrade, abort-* and disappear leave things alone);
# rpm %postun: $1 is the number of versions left installed, 0 on removal.
# Every path is under $DPKG_ROOT (empty unless dpkg installs into another root; update-alternatives honours it too).

case "$1" in
  remove | purge | 0) ;;
  *) exit 0 ;;
esac

root="$DPKG_ROOT"

if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}' || true
else
  rm -f "$root/usr/bin/"'${executable}'
fi

cli_link="$root/usr/bin/cloudmc"
if [ -L "$cli_link" ] && [ "$(readlink "$cli_link")" = '/opt/${sanitizedProductName}/resources/bin/cloudmc' ]; then
  rm -f "$cli_link"
fi

profile_target="$root/etc/apparmor.d/"'${executable}'
if [ -f "$profile_target" ]; then
  # Only the running system's kernel policy: not in a chroot (image builds) nor for another root.
  if [ -z "$root" ] && apparmor_status --enabled >/dev/null 2>&1 && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
    apparmor_parser --remove "$profile_target" || true
  fi
  rm -f "$profile_target"
fi
exit 0

#!/bin/bash
# deb/rpm post-install (an electron-builder template: ${executable} and ${sanitizedProductName} are filled in at packaging time).
# Links the launcher and the `cloudmc` command, picks the sandbox mode, and installs Electron's AppArmor profile where AppArmor
# supports it: Ubuntu 24.04 forbids unprivileged user namespaces to unconfined programs, and Chromium's sandbox needs one.
# Every path is under $DPKG_ROOT (empty unless dpkg installs into another root; update-alternatives honours it too); a link's
# target is the path as seen from inside that root.

root="$DPKG_ROOT"
install_dir='/opt/${sanitizedProductName}'

if type update-alternatives >/dev/null 2>&1; then
  if [ -L "$root/usr/bin/"'${executable}' ] && [ -e "$root/usr/bin/"'${executable}' ] && [ "$(readlink "$root/usr/bin/"'${executable}')" != '/etc/alternatives/${executable}' ]; then
    rm -f "$root/usr/bin/"'${executable}'
  fi
  update-alternatives --install '/usr/bin/${executable}' '${executable}' "$install_dir/${executable}" 100 || ln -sf "$install_dir/${executable}" "$root/usr/bin/"'${executable}'
else
  ln -sf "$install_dir/${executable}" "$root/usr/bin/"'${executable}'
fi

# `cloudmc`: the command line (resources/bin/cloudmc runs the app's binary with --cli, headless). A /usr/bin/cloudmc that is not
# this app's link (another package's command, a file of the admin's) is left alone.
cli_link="$root/usr/bin/cloudmc"
cli_target="$install_dir/resources/bin/cloudmc"
if [ ! -e "$cli_link" ] && [ ! -L "$cli_link" ]; then
  ln -s "$cli_target" "$cli_link"
elif [ -L "$cli_link" ] && [ "$(readlink "$cli_link")" = "$cli_target" ]; then
  :
else
  echo "/usr/bin/cloudmc exists and is not this app's: left as it is (the command line is $cli_target)"
fi

# The SUID sandbox helper only where user namespaces do not work at all.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$root$install_dir/chrome-sandbox" || true
else
  chmod 4755 "$root$install_dir/chrome-sandbox" || true
fi

if hash update-desktop-database 2>/dev/null; then
  update-desktop-database "$root/usr/share/applications" || true
fi

# The profile uses abi/4.0 (AppArmor 4, Ubuntu 24.04+); older AppArmor (Ubuntu 22.04) refuses it and does not need it.
if apparmor_status --enabled >/dev/null 2>&1; then
  profile_source="$root$install_dir/resources/apparmor-profile"
  profile_target="$root/etc/apparmor.d/"'${executable}'
  if apparmor_parser --skip-kernel-load --debug "$profile_source" >/dev/null 2>&1; then
    cp -f "$profile_source" "$profile_target"
    # Not in a chroot (image builds) nor for another root: there the kernel's policy is not this system's.
    if [ -z "$root" ] && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
      apparmor_parser --replace --write-cache --skip-read-cache "$profile_target" || true
    fi
  else
    echo "AppArmor does not support this profile (abi 4.0); skipped (not needed before Ubuntu 24.04)"
  fi
fi
exit 0

#!/bin/bash
# deb/rpm post-install (an electron-builder template: ${executable} and ${sanitizedProductName} are filled in at packaging time).
# Links the launcher, picks the sandbox mode, and installs Electron's AppArmor profile where AppArmor supports it:
# Ubuntu 24.04 forbids unprivileged user namespaces to unconfined programs, and Chromium's sandbox needs one.

install_dir='/opt/${sanitizedProductName}'

if type update-alternatives >/dev/null 2>&1; then
  if [ -L '/usr/bin/${executable}' ] && [ -e '/usr/bin/${executable}' ] && [ "$(readlink '/usr/bin/${executable}')" != '/etc/alternatives/${executable}' ]; then
    rm -f '/usr/bin/${executable}'
  fi
  update-alternatives --install '/usr/bin/${executable}' '${executable}' "$install_dir/${executable}" 100 || ln -sf "$install_dir/${executable}" '/usr/bin/${executable}'
else
  ln -sf "$install_dir/${executable}" '/usr/bin/${executable}'
fi

# The SUID sandbox helper only where user namespaces do not work at all.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$install_dir/chrome-sandbox" || true
else
  chmod 4755 "$install_dir/chrome-sandbox" || true
fi

if hash update-desktop-database 2>/dev/null; then
  update-desktop-database /usr/share/applications || true
fi

# The profile uses abi/4.0 (AppArmor 4, Ubuntu 24.04+); older AppArmor (Ubuntu 22.04) refuses it and does not need it.
if apparmor_status --enabled >/dev/null 2>&1; then
  profile_source="$install_dir/resources/apparmor-profile"
  profile_target='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$profile_source" >/dev/null 2>&1; then
    cp -f "$profile_source" "$profile_target"
    # Not in a chroot (image builds): there the kernel's policy is not this system's.
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
      apparmor_parser --replace --write-cache --skip-read-cache "$profile_target" || true
    fi
  else
    echo "AppArmor does not support this profile (abi 4.0); skipped (not needed before Ubuntu 24.04)"
  fi
fi
exit 0

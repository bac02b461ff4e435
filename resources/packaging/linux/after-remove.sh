#!/bin/bash
# deb/rpm post-remove (an electron-builder template): removes the launcher link and unloads and deletes the AppArmor profile.

if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}' || true
else
  rm -f '/usr/bin/${executable}'
fi

profile_target='/etc/apparmor.d/${executable}'
if [ -f "$profile_target" ]; then
  if apparmor_status --enabled >/dev/null 2>&1 && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
    apparmor_parser --remove "$profile_target" || true
  fi
  rm -f "$profile_target"
fi
exit 0

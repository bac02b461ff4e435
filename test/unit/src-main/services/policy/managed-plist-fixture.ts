// A macOS configuration profile's custom settings payload as it lands in /Library/Managed Preferences, and the policy it holds.

/** What a configuration profile's custom settings payload leaves on disk. */
export const managedPlist = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <!-- set by the MDM -->
  <key>version</key>
  <integer>1</integer>
  <key>profiles</key>
  <array>
    <dict>
      <key>id</key><string>hq</string>
      <key>name</key><string>Siège &amp; &#x1F3E2; &lt;HQ&gt;</string>
      <key>endpoint</key><string>https://cloudmc.example.com/api/v1</string>
    </dict>
  </array>
  <key>settings</key>
  <dict><key>clipboardClearSeconds</key><integer>15</integer><key>storeCopyByDefault</key><true/></dict>
  <key>lockedSettings</key>
  <array><string>clipboardClearSeconds</string></array>
  <key>allowUserProfiles</key>
  <false/>
</dict>
</plist>
`;

/** The policy document that plist says. */
export const policyOfPlist = {
  version: 1,
  profiles: [{ id: 'hq', name: 'Siège & 🏢 <HQ>', endpoint: 'https://cloudmc.example.com/api/v1' }],
  settings: { clipboardClearSeconds: 15, storeCopyByDefault: true },
  lockedSettings: ['clipboardClearSeconds'],
  allowUserProfiles: false,
};

import type { AuthMessages } from './messages'

export const authMessagesEn: AuthMessages = {
  auth: {
    offline: 'The central endpoint cannot be reached: enrolling needs the network once',
    badCredentials: 'Wrong username or password',
    tooMany: 'Too many attempts: try again in a minute',
    accountLocked:
      'Too many failed sign-ins for this account: it is locked for a while. Try again in 15 minutes or ask your administrator',
    mustChangePassword:
      'This is a one-time password from your administrator: choose a new password of your own to continue',
    newPassword: 'New password',
    newPasswordAgain: 'New password again',
    newPasswordMismatch: 'The two new passwords differ',
    passwordProblems: {
      tooShort: 'A password has at least {n} characters',
      tooLong: 'The password is too long',
      tooCommon: 'The password is too common or too easy to guess: use a longer phrase of unrelated words',
      containsName: 'The password must not contain your username or name',
      unchanged: 'The new password must differ from the current one',
    },
    failed: 'Enrolment failed: {message}',
    otherBranch: "This staff member does not work in this tablet's branch",
    branchRequired: 'An administrator must name the branch: have a member of this branch enrol the tablet',
    lock: 'Lock',
    switchUser: 'Switch user',
    revoked:
      'An administrator has revoked this tablet: it no longer syncs. What was recorded stays on it; contact your administrator.',
    expired:
      'This tablet has not synced for over 30 days and must be enrolled again: a member of this branch signs in online. What was recorded stays on it.',
    unconfirmed:
      'The staff member who enrolled this tablet has left: an administrator must confirm it before it syncs again. What was recorded stays on it.',
  },
  sync: {
    synced: 'Synced {time}',
    never: 'Not synced yet',
    syncing: 'Syncing…',
    failed: {
      network: 'Cannot reach the central server: retrying automatically',
      timeout: 'The central server did not answer in time: retrying automatically',
      server: 'The central server could not handle the request ({status}): retrying automatically',
      unknown: 'Sync failed: retrying automatically',
    },
    offline: 'Offline: syncs when the network returns',
    rejected: '{n} record refused by the server | {n} records refused by the server',
    refused: 'The server refused this record: {reason}. It is kept on this tablet; contact your administrator.',
  },
}

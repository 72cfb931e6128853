import type { ReminderMessages } from './messages'

export const reminderMessagesEn: ReminderMessages = {
  reminders: {
    today: 'Customers to contact today: {n}',
    show: 'Show',
    hide: 'Hide',
    settings: 'Reminder notifications',
    overdue: 'Overdue',
    kinds: {
      promisedDate: 'The date promised to the customer is today',
      progressContact: 'Time to tell the customer how it is going',
      followUp: 'Follow-up call due today',
      replyDue: 'Deadline runs out today',
    },
    kindsOverdue: {
      promisedDate: 'The date promised to the customer has passed',
      progressContact: 'No word to the customer for days',
      followUp: 'Follow-up overdue',
      replyDue: 'Deadline passed',
    },
    notice: { title: 'Complaint desk reminder' },
    page: {
      title: 'Reminder notifications',
      hint: 'When on, this tablet shows a notification when a promised date comes, a progress call or a follow-up is due, or a deadline runs out, at most once a day for each. It shows the case number and what is due, never the customer’s name or phone.',
      state: {
        unsupported: 'This browser cannot show notifications.',
        notInstalled:
          'Install the complaint desk on the tablet’s home screen first, and open this page again once it works offline.',
        denied:
          'The browser blocks notifications from this site: allow them in its site settings, then switch them on.',
        off: 'Notifications are off.',
        on: 'Notifications are on.',
      },
      on: 'Switch on',
      off: 'Switch off',
      back: 'Back to the book',
    },
  },
}

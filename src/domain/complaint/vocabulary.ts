/** The fixed vocabularies of the procedure. Labels live in the UI's i18n files, keyed by these values. */

export const CHANNELS = ['inPerson', 'phone', 'letter', 'other'] as const
export type IntakeChannel = (typeof CHANNELS)[number]

export const KINDS = ['complaint', 'suggestion'] as const
export type ComplaintKind = (typeof KINDS)[number]

/** Section III of the procedure: the seven-step script, in order. */
export const SCRIPT_STEPS = ['isolate', 'calm', 'apologise', 'gather', 'propose', 'ask', 'followUp'] as const
export type ScriptStep = (typeof SCRIPT_STEPS)[number]

export const VERDICTS = ['valid', 'invalid', 'suggestion'] as const
export type Verdict = (typeof VERDICTS)[number]

export const CONTACT_CHANNELS = ['inPerson', 'sms', 'phone', 'letter'] as const
export type ContactChannel = (typeof CONTACT_CHANNELS)[number]

/**
 * Why the customer was contacted. None of these answers the complaint: the decision notice is its own event.
 * `reply` is retired (stored contacts keep it and read as decision notices); a new contact may not use it.
 */
export const CONTACT_PURPOSES = ['acknowledgement', 'progress', 'extensionNotice', 'followUp', 'reply'] as const
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number]
export const NEW_CONTACT_PURPOSES = CONTACT_PURPOSES.filter((p): p is Exclude<ContactPurpose, 'reply'> => p !== 'reply')

/** The remedies a decision notice tells the customer of (2020 rule Art. 19): review, mediation, arbitration, litigation. */
export const REMEDIES = ['review', 'mediation', 'arbitration', 'litigation'] as const
export type Remedy = (typeof REMEDIES)[number]

/**
 * Who may approve an extension: the bank's own supervisor (主管), and a superior office or head-office senior
 * manager (上级机构或总行高级管理人员), the only authority for going past 30 days (Art. 18).
 */
export const APPROVAL_LEVELS = ['supervisor', 'superior'] as const
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number]

export const OPINIONS = ['satisfied', 'partly', 'dissatisfied'] as const
export type Opinion = (typeof OPINIONS)[number]

/** Customer mood on a simple five-point scale: 1 very upset … 5 calm and content. */
export const MOOD_MIN = 1
export const MOOD_MAX = 5

export const STATUSES = ['new', 'inProgress', 'escalated', 'resolved', 'closed', 'withdrawn'] as const
export type ComplaintStatus = (typeof STATUSES)[number]

/** A closed or withdrawn complaint: no clock runs and nothing waits on it (it may still be reopened or reviewed). */
export const FINISHED_STATUSES = ['closed', 'withdrawn'] as const satisfies readonly ComplaintStatus[]
export const isFinished = (status: ComplaintStatus): boolean =>
  (FINISHED_STATUSES as readonly string[]).includes(status)
/** The same, for SQL over the centre's `complaints` rows: `status not in ${FINISHED_SQL}`. */
export const FINISHED_SQL = `(${FINISHED_STATUSES.map((x) => `'${x}'`).join(', ')})`

/** Fields a correction may change; everything else is history and is changed only by its own event. */
export const CORRECTABLE_FIELDS = [
  'customer.name',
  'customer.phone',
  'customer.consentSms',
  'customer.consentPhone',
  'channel',
  'kind',
  'category',
  'cause',
  'description',
  'demand',
  'customerPresent',
  'groupSize',
  'recordingRef',
  'receivedAt',
  // JR/T 0169-2018's three dimensions (appended: stored corrections name fields by these strings).
  'codes.A',
  'codes.B',
  'codes.C',
] as const
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number]

/** 2020 rule Art. 12: groups of more than 5 name at most 5 representatives; Art. 29: 20 or more is major. */
export const GROUP_REPRESENTATIVES_FROM = 6
export const MAX_REPRESENTATIVES = 5
export const MAJOR_GROUP_SIZE = 20

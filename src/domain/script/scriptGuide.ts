import type { ScriptStep } from '../complaint/vocabulary'

/** The seven principles of section I, in the procedure's order. */
export const PRINCIPLES = [
  'sincerity',
  'respect',
  'understanding',
  'sensitivity',
  'efficiency',
  'noArguing',
  'winWin',
] as const
export type Principle = (typeof PRINCIPLES)[number]

export interface StepGuide {
  step: ScriptStep
  /** Items the manager ticks; their texts are i18n keys `script.steps.<step>.checklist.<item>`. */
  checklist: string[]
  /** Suggested phrases, i18n keys `script.steps.<step>.phrases.<phrase>`. */
  phrases: string[]
  /** The principles shown as a reminder on this step. */
  principles: Principle[]
  /** Extra inputs the step captures. */
  captures: ('keyPoints' | 'realDemand' | 'rootCause' | 'plan' | 'promisedDate' | 'moodStart' | 'moodEnd')[]
}

/** Section III of the procedure as a guided script; wording in the UI's locale files. */
export const SCRIPT_GUIDE: StepGuide[] = [
  {
    step: 'isolate',
    checklist: ['movedToRoom', 'othersUndisturbed'],
    phrases: ['invite'],
    principles: ['sincerity', 'efficiency'],
    captures: ['moodStart'],
  },
  {
    step: 'calm',
    checklist: ['showedUnderstanding', 'letThemTalk', 'repeatedBack'],
    phrases: ['calmDown', 'doYouMean'],
    principles: ['understanding', 'noArguing'],
    captures: ['keyPoints'],
  },
  {
    step: 'apologise',
    checklist: ['showedUnderstood', 'apologised', 'tookNotes', 'blamedNoOne'],
    phrases: ['sorryTrouble', 'verySorry', 'apologise', 'forgive'],
    principles: ['sincerity', 'respect'],
    captures: ['keyPoints'],
  },
  {
    step: 'gather',
    checklist: ['realDemand', 'lookedUpCustomer', 'rootCause', 'solutionElements', 'goodQuestions'],
    phrases: ['whatHappened', 'whenWhere'],
    principles: ['sensitivity', 'respect'],
    captures: ['realDemand', 'rootCause'],
  },
  {
    step: 'propose',
    checklist: ['whoseProblem', 'alternatives', 'setExpectations', 'backOffice', 'noBuckPassing', 'tracking'],
    phrases: ['weWill', 'byDate'],
    principles: ['winWin', 'efficiency'],
    captures: ['plan', 'promisedDate'],
  },
  {
    step: 'ask',
    checklist: ['askedOpinion', 'agreed'],
    phrases: ['howResolve', 'whatShouldWeDo', 'howHelp', 'isThatAcceptable'],
    principles: ['respect', 'winWin'],
    captures: [],
  },
  {
    step: 'followUp',
    checklist: ['progressPromised', 'contactConfirmed', 'afterCare'],
    phrases: ['willCall', 'thankYou'],
    principles: ['efficiency', 'sincerity'],
    captures: ['moodEnd'],
  },
]

export function stepGuide(step: ScriptStep): StepGuide {
  return SCRIPT_GUIDE.find((g) => g.step === step)!
}

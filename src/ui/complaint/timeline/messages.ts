/**
 * Why the centre refused a record, shown on the complaint's timeline (a page beyond the book: loaded with it, see
 * src/ui/i18n/featureMessages.ts). Keyed by the protocol's RejectReason.
 */
export const syncMessages = {
  'zh-CN': {
    sync: {
      reasons: {
        invalid: '内容不符合要求',
        wrongBranch: '属于其他网点',
        wrongDevice: '不是在这台平板上记录的',
        unknownComplaint: '服务器上没有这条投诉的登记记录',
        conflictingDuplicate: '服务器上已有编号相同但内容不同的记录',
        forbidden: '记录人无权进行这项操作',
        beforeReceipt: '记录时间早于投诉受理时间，请检查平板的日期和时间',
        receivedInFuture: '受理时间晚于记录时间，请检查平板的日期和时间',
        alreadyRecorded: '这条投诉已经登记过，如需修改请使用更正',
        caseNumber: '投诉编号与服务器不符（已被使用，或不是本网点、本平板的编号），请联系管理员',
        refused: '不符合处理规则',
      },
    },
  },
  en: {
    sync: {
      reasons: {
        invalid: 'its content does not meet the rules',
        wrongBranch: 'it belongs to another branch',
        wrongDevice: 'it was not recorded on this tablet',
        unknownComplaint: 'the server has no record of this complaint',
        conflictingDuplicate: 'the server holds a different record under the same id',
        forbidden: 'the person who recorded it may not make this change',
        beforeReceipt: 'it is dated before the complaint was received: check this tablet’s date and time',
        receivedInFuture:
          'the receipt time is later than the moment it was recorded: check this tablet’s date and time',
        alreadyRecorded: 'this complaint is already recorded: use a correction to change it',
        caseNumber:
          'its case number does not match the server (already given, or not this branch’s or tablet’s): ask an administrator',
        refused: 'it breaks a rule of the procedure',
      },
    },
  },
}

const zhCN = {
  attachments: {
    title: '附件',
    count: '附件（{n}）',
    empty: '暂无附件。客户提供的凭条、信函、手机截图可拍照或选择文件添加。',
    takePhoto: '拍照',
    chooseFile: '选择文件',
    caption: '说明（选填）',
    captionPlaceholder: '例如：客户提供的转账凭条',
    hint: '每条投诉最多 {max} 个附件，每个不超过 {mb} MB（照片自动压缩）；可添加照片（JPG、PNG、WebP）或 PDF。',
    preparing: '正在压缩照片…',
    saving: '正在保存…',
    saved: '附件已保存',
    full: '这条投诉已有 {max} 个附件，不能再添加。',
    refused: {
      type: '无法添加：只能添加照片（JPG、PNG、WebP）或 PDF 文件。这个文件的实际内容不是其中任何一种（即使文件名看起来像图片）。',
      tooLarge: '文件太大：压缩后仍超过 {mb} MB，无法添加。照片请靠近一些重拍；PDF 请拆分后分别添加。',
      unreadable: '无法读取这张图片，文件可能已损坏。请重新拍照或换一个文件。',
    },
    room: {
      title: '平板存储空间不足',
      short:
        '平板剩余空间约 {free}，照片可能无法保存。请先联网同步：已同步且办结超过 {days} 天的投诉会自动从平板移除（中心仍完整保留），可腾出空间。',
      continue: '仍要继续',
      cancel: '取消',
    },
    status: {
      localOnly: '待上传',
      uploaded: '已上传',
      remote: '在中心',
      missing: '中心未收到',
    },
    statusHint: {
      localOnly: '仅保存在本平板，联网后自动上传',
      remote: '保存在中心，查看时下载',
      remoteOffline: '保存在中心，联网后即可查看',
      missing: '本平板上没有这份文件，中心也未收到',
    },
    kind: { image: '照片', pdf: 'PDF 文件' },
    view: '查看',
    open: '打开',
    download: '下载',
    close: '关闭',
    loading: '正在载入…',
    loadFailed: '附件未能打开，请稍后重试',
    addedBy: '{name} · {time}',
    print: {
      caption: '说明',
      type: '类型',
      size: '大小',
      at: '添加时间',
      by: '添加人',
      notOnTablet: '（本平板上没有这份文件，未打印）',
    },
  },
}

/** English, with exactly the Chinese keys. */
const en: typeof zhCN = {
  attachments: {
    title: 'Attachments',
    count: 'Attachments ({n})',
    empty: 'No attachments. Take a photo of, or choose, the slips, letters and phone screenshots the customer brings.',
    takePhoto: 'Take photo',
    chooseFile: 'Choose file',
    caption: 'Caption (optional)',
    captionPlaceholder: 'e.g. the customer’s transfer slip',
    hint: 'Up to {max} attachments per complaint, {mb} MB each (photos are compressed); photos (JPG, PNG, WebP) or PDF.',
    preparing: 'Compressing the photo…',
    saving: 'Saving…',
    saved: 'Attachment saved',
    full: 'This complaint already has {max} attachments; no more can be added.',
    refused: {
      type: 'Cannot attach: only photos (JPG, PNG, WebP) or PDF files. This file’s content is none of them, whatever its name.',
      tooLarge:
        'Too large: still over {mb} MB after compression. Take the photo closer up; split a PDF and attach the parts.',
      unreadable: 'This image cannot be read; the file may be damaged. Take the photo again or choose another file.',
    },
    room: {
      title: 'The tablet is short of storage',
      short:
        'About {free} left on the tablet: the photo may not be saved. Sync first: complaints synced and closed more than {days} days ago then leave the tablet (the centre keeps them), which frees room.',
      continue: 'Continue anyway',
      cancel: 'Cancel',
    },
    status: {
      localOnly: 'To upload',
      uploaded: 'Uploaded',
      remote: 'At the centre',
      missing: 'Not at the centre',
    },
    statusHint: {
      localOnly: 'Only on this tablet; uploaded once online',
      remote: 'Kept at the centre; downloaded when viewed',
      remoteOffline: 'Kept at the centre; shown once online',
      missing: 'Not on this tablet, and the centre does not have it',
    },
    kind: { image: 'Photo', pdf: 'PDF file' },
    view: 'View',
    open: 'Open',
    download: 'Download',
    close: 'Close',
    loading: 'Loading…',
    loadFailed: 'The attachment could not be opened; try again later',
    addedBy: '{name} · {time}',
    print: {
      caption: 'Caption',
      type: 'Type',
      size: 'Size',
      at: 'Added',
      by: 'Added by',
      notOnTablet: '(not on this tablet; not printed)',
    },
  },
}

/** The words of attachments (merged with the pages beyond the book, src/ui/i18n/featureMessages.ts). */
export const attachmentMessages = { 'zh-CN': zhCN, en }

// Tasklist of the PCM2 grants workflow: Vietnamese first (locales/vi.json, the project's
// own translation), English for browsers whose first language is English; dates as
// dd/MM/yyyy; the application named after the programme. Replaces the webjar's config.js.
// pcm-forms.js: dates, amounts and validation messages of the forms; pcm-files.js: a file
// chooser beside each field of evidence (see those files).
export default {
  customScripts: ['scripts/pcm-forms', 'scripts/pcm-files'],
  app: {
    name: 'Danh sách việc',
    vendor: 'PCM2'
  },
  locales: {
    availableLocales: ['vi', 'en'],
    fallbackLocale: 'vi'
  },
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'DD/MM/YYYY HH:mm',
    normal: 'DD/MM/YYYY HH:mm',
    long: 'dddd, DD/MM/YYYY HH:mm',
    short: 'DD/MM/YYYY'
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'nhận việc đang chọn / claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'chuyển tới bộ lọc đầu tiên / focus the first filter'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'chuyển tới việc đầu tiên / focus the first task'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'chuyển tới ô đầu tiên của biểu mẫu / focus the first field of the form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'mở hộp bắt đầu quy trình / open the start process dialog'
    }
  }
};

// Finishing touches on the Tasklist's forms (form-js) that form-js itself cannot be told:
//  - dates as dd/MM/yyyy: form-js takes its date pattern from the browser's default locale,
//    so a Vietnamese leader on an English-language browser would meet 2/28/2027; the default
//    locale of date formatting follows the Tasklist's language instead (vi-VN, en-GB);
//  - amounts grouped by thousands: a read-only number shows 14.000.000 (the field keeps its
//    value; only what is shown changes), and an amount being typed gets the grouped figure
//    under it, so a missing zero is seen before the form is sent;
//  - form-js's own validation messages ("Field is required.") in Vietnamese, English after.
// Loaded by config.js (customScripts); it changes nothing that is sent to the server.

const LANGUAGES = { vi: 'vi-VN', en: 'en-GB' };

function tasklistLanguage() {
  // The Tasklist picks its language the same way: the browser's first language if it has a
  // translation for it, Vietnamese otherwise (config.js: fallbackLocale).
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || 'vi';
  const code = first.split('-')[0].toLowerCase();
  return LANGUAGES[code] ? code : 'vi';
}

const LANGUAGE = tasklistLanguage();
const LOCALE = LANGUAGES[LANGUAGE];

(function dateLocaleFollowsTasklist() {
  const Native = Intl.DateTimeFormat;
  // form-js reads its pattern off new Intl.DateTimeFormat('default'): day and month in two
  // digits so that the pattern is dd/MM/yyyy, not d/M/yyyy.
  const DAY_MONTH_YEAR = { day: '2-digit', month: '2-digit', year: 'numeric' };
  function DateTimeFormat(locales, options) {
    if (locales === undefined || locales === 'default') {
      return new Native(LOCALE, options === undefined ? DAY_MONTH_YEAR : options);
    }
    return new Native(locales, options);
  }
  DateTimeFormat.prototype = Native.prototype;
  DateTimeFormat.supportedLocalesOf = Native.supportedLocalesOf.bind(Native);
  Intl.DateTimeFormat = DateTimeFormat;
})();

const MESSAGES = [
  [/^Field is required\.$/, () => 'Bắt buộc nhập. / Field is required.'],
  [/^Field must have minimum value of (.+)\.$/, (m) => `Giá trị nhỏ nhất là ${amount(m[1])}. / Minimum ${m[1]}.`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `Giá trị lớn nhất là ${amount(m[1])}. / Maximum ${m[1]}.`],
  [/^Field must have minimum length of (.+)\.$/, (m) => `Cần ít nhất ${m[1]} ký tự. / At least ${m[1]} characters.`],
  [/^Field must have maximum length of (.+)\.$/, (m) => `Tối đa ${m[1]} ký tự. / At most ${m[1]} characters.`],
  [/^Field must match pattern (.+)\.$/, () => 'Không đúng định dạng. / Wrong format.'],
  [/^Field must be a valid email\.$/, () => 'Địa chỉ thư không hợp lệ. / Not a valid e-mail address.'],
  [/^Value is not a number\.?$/, () => 'Phải là một số. / Must be a number.']
];

// form-js (preact) keeps hold of its text nodes to update them later: change their data, never
// swap the node, or a later message would land in a node no longer shown
function setText(element, text) {
  const only = element.childNodes.length === 1 ? element.firstChild : null;
  if (only && only.nodeType === Node.TEXT_NODE) {
    if (only.data !== text) only.data = text;
  } else if (element.textContent !== text) {
    element.textContent = text;
  }
}

function amount(text) {
  const number = Number(String(text).trim());
  return Number.isFinite(number) && String(text).trim() !== ''
    ? new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(number) : text;
}

// form-js's empty select says "Select" and "Search" in English whatever the language
const PLACEHOLDERS = { Select: 'Chọn / Select', Search: 'Tìm / Search' };

function translatePlaceholders(root) {
  root.querySelectorAll('.fjs-select-placeholder, .fjs-select-display').forEach((element) => {
    const said = PLACEHOLDERS[element.textContent.trim()];
    if (said && element.children.length === 0) setText(element, said);
  });
  root.querySelectorAll('.fjs-form input[placeholder]').forEach((input) => {
    const said = PLACEHOLDERS[input.getAttribute('placeholder')];
    if (said) input.setAttribute('placeholder', said);
  });
}

function translateErrors(root) {
  root.querySelectorAll('.fjs-form-field-error li').forEach((item) => {
    const text = item.textContent.trim();
    for (const [pattern, say] of MESSAGES) {
      const match = text.match(pattern);
      if (match) {
        setText(item, say(match));
        return;
      }
    }
  });
}

function isMoney(input) {
  const group = input.closest('.fjs-input-group');
  return !!group && /₫|VND|đồng/.test(group.textContent);
}

function groupReadOnlyNumbers(root) {
  root.querySelectorAll('.fjs-form-field-number input.fjs-input').forEach((input) => {
    const host = input.parentElement;
    let shown = host.querySelector(':scope > .pcm-number-shown');
    if (input.readOnly || input.disabled) {
      if (!shown) {
        shown = document.createElement('span');
        shown.className = 'fjs-input pcm-number-shown';
        shown.setAttribute('aria-hidden', 'true');
        input.classList.add('pcm-number-raw');
        input.before(shown); // before: form-js may move its own nodes, never this one past them
      }
      setText(shown, amount(input.value));
    } else if (isMoney(input)) {
      let hint = input.closest('.fjs-form-field').querySelector('.pcm-amount-hint');
      if (!hint) {
        hint = document.createElement('div');
        hint.className = 'fjs-form-field-description pcm-amount-hint';
        input.closest('.fjs-form-field').appendChild(hint);
        input.addEventListener('input', () => groupReadOnlyNumbers(root));
      }
      const text = input.value.trim() === '' ? '' : `= ${amount(input.value.replace(/[ .,]/g, ''))} ₫`;
      setText(hint, text);
    }
  });
}

function touch(root) {
  translateErrors(root);
  translatePlaceholders(root);
  groupReadOnlyNumbers(root);
}

const style = document.createElement('style');
style.textContent = `
  .pcm-number-raw { display: none !important; }
  .pcm-number-shown { display: flex; align-items: center; flex: 1; min-height: 34px; padding: 4px 8px;
    background: #f4f4f4; font-variant-numeric: tabular-nums; }
  .pcm-amount-hint { color: #555; min-height: 1.2em; }
  /* a label in two languages is long: on a phone it wraps instead of being cut off */
  .fjs-container .fjs-form-field-label { white-space: normal; overflow: visible; }
`;
document.head.appendChild(style);

let pending = false;
new MutationObserver(() => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    touch(document);
  });
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

document.addEventListener('input', () => touch(document), true);

export default [];

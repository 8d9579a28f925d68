// Files in the Tasklist's forms. form-js (the Camunda Forms of this Camunda version) has no
// file field, so each field of evidence of the forms in processes/ (minutesFiles, photoFiles,
// receiptFiles, reportFiles: a text field of file numbers) gets a file chooser beside it:
//  - a chosen file is uploaded at once, signed in as in the Tasklist (its session and its token
//    against forgery): to the sub-project when the form shows its code, otherwise (the start
//    form, before the proposal has a code) held for the person until the proposal is sent;
//  - its number is added to the field, which the form sends with the step; the server checks
//    every number (a file of this sub-project, or held by the sender, of the right kind);
//  - the file is listed under the field with its size, and a photo with the day it was taken and
//    its GPS position as the server read them; a refused file shows the server's reason.
// On a phone, a photo field offers the camera. Loaded by config.js (customScripts).

const FIELDS = {
  minutesFiles: { kind: 'MINUTES', accept: '.pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png' },
  photoFiles: { kind: 'PHOTO', accept: 'image/jpeg,image/png' },
  receiptFiles: { kind: 'RECEIPT', accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png' },
  reportFiles: { kind: 'REPORT', accept: '.pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png' }
};

const TEXTS = {
  choose: 'Chọn tệp / Choose files',
  sending: 'Đang tải lên… / Uploading…',
  refused: 'Không nhận tệp / File refused',
  taken: 'chụp / taken',
  position: 'vị trí / position',
  signIn: 'Phiên đăng nhập đã hết: hãy đăng nhập lại / Your session has ended: sign in again'
};

// what was uploaded for each field of the form being shown, kept across form-js's re-renders
const uploaded = new Map();

function token() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

function describe(file) {
  let text = `${file.fileName} (${size(file.sizeBytes)})`;
  if (file.takenAt) {
    const day = new Intl.DateTimeFormat('vi-VN', {
      day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
      timeZone: 'Asia/Ho_Chi_Minh'
    }).format(new Date(file.takenAt));
    text += ` — ${TEXTS.taken} ${day}`;
  }
  if (file.latitude != null && file.longitude != null) {
    text += ` — ${TEXTS.position} ${file.latitude.toFixed(6)}, ${file.longitude.toFixed(6)}`;
  }
  return text;
}

function problemText(problem) {
  if (problem && Array.isArray(problem.errors) && problem.errors.length) {
    return problem.errors.map((error) => error.message).join('; ');
  }
  return (problem && (problem.detail || problem.title)) || '';
}

function setValue(input, value) {
  // form-js (preact) listens to the input event: set the value as a person typing would, then
  // leave the field, which makes form-js take the value at once. It waits for a pause otherwise,
  // and a change of another field in that pause (a person typing while a photo uploads) would
  // draw this field again with its old value. preact/compat listens for leaving a field as
  // focusout, not blur; the person's focus is left where it is. What they were typing in another
  // field is taken by the form first, or the new drawing would lose it.
  // The field being typed in may not hold the focus any more (on a phone, choosing a file takes
  // it), so every text field of the form holding something is left, not only the focused one:
  // each gives form-js what it shows. Empty fields and date fields are left alone.
  const form = input.closest('.fjs-form') || document;
  form.querySelectorAll('input.fjs-input, textarea.fjs-textarea').forEach((field) => {
    if (field !== input && field.type !== 'file' && field.value !== '' && !field.closest('.fjs-datepicker')) {
      field.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    }
  });
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
}

function subprojectCode(form) {
  const field = form.querySelector('input[id$="-Field_subprojectCode"]');
  return field && field.value.trim() ? field.value.trim() : null;
}

async function send(input, config, file, list) {
  const form = input.closest('.fjs-form') || document;
  const code = subprojectCode(form);
  const address = code ? `/files/subprojects/${encodeURIComponent(code)}/attachments` : '/files/held';
  const line = document.createElement('li');
  line.textContent = `${file.name}: ${TEXTS.sending}`;
  list.appendChild(line);
  const body = new FormData();
  body.append('kind', config.kind);
  body.append('file', file, file.name);
  try {
    const response = await fetch(address, {
      method: 'POST', body, credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': token() }
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 201) {
      line.textContent = `✓ ${describe(answer)} — số / no. ${answer.id}`;
      line.className = 'pcm-file-kept';
      // remembered first: writing the number draws the form again, and the chooser drawn anew
      // lists what is remembered
      uploaded.get(input.id).push(line.textContent);
      const ids = input.value.split(/[,;\s]+/).filter((id) => id !== '');
      ids.push(String(answer.id));
      setValue(input, ids.join(', '));
    } else {
      const why = response.status === 401 ? TEXTS.signIn : problemText(answer);
      line.textContent = `✗ ${file.name}: ${TEXTS.refused}${why ? ` — ${why}` : ''}`;
      line.className = 'pcm-file-refused';
      line.setAttribute('role', 'alert');
    }
  } catch (failure) {
    line.textContent = `✗ ${file.name}: ${TEXTS.refused} — ${failure.message}`;
    line.className = 'pcm-file-refused';
    line.setAttribute('role', 'alert');
  }
}

function addChooser(input, config) {
  const field = input.closest('.fjs-form-field');
  if (!field || field.querySelector(':scope > .pcm-files')) return;
  if (!uploaded.has(input.id)) uploaded.set(input.id, []);
  const box = document.createElement('div');
  box.className = 'pcm-files';
  const label = document.createElement('label');
  label.className = 'pcm-files-choose';
  label.textContent = TEXTS.choose;
  const chooser = document.createElement('input');
  chooser.type = 'file';
  chooser.multiple = true;
  chooser.accept = config.accept;
  chooser.name = `${config.kind.toLowerCase()}-file`;
  chooser.dataset.field = input.id;
  label.appendChild(chooser);
  const list = document.createElement('ul');
  list.className = 'pcm-files-list';
  list.setAttribute('aria-live', 'polite');
  uploaded.get(input.id).forEach((text) => {
    const line = document.createElement('li');
    line.className = 'pcm-file-kept';
    line.textContent = text;
    list.appendChild(line);
  });
  chooser.addEventListener('change', async () => {
    const files = Array.from(chooser.files);
    chooser.value = '';
    for (const file of files) {
      // one after another: each number is added to what the field holds by then
      await send(input, config, file, list);
    }
  });
  box.appendChild(label);
  box.appendChild(list);
  field.appendChild(box);
}

function touch() {
  Object.entries(FIELDS).forEach(([key, config]) => {
    document.querySelectorAll(`input.fjs-input[id$="-Field_${key}"]`).forEach((input) => addChooser(input, config));
  });
}

const style = document.createElement('style');
style.textContent = `
  .pcm-files { margin-top: 6px; }
  .pcm-files-choose { display: inline-block; max-width: 100%; padding: 8px 12px; border: 1px solid #4d6a8a;
    border-radius: 4px; cursor: pointer; color: #1f3a5a; background: #eef3f8; font-weight: normal; }
  .pcm-files-choose input[type=file] { display: block; max-width: 100%; margin-top: 4px; }
  .pcm-files-list { list-style: none; padding: 0; margin: 6px 0 0; overflow-wrap: anywhere; }
  .pcm-file-kept { color: #1d5e20; }
  .pcm-file-refused { color: #a00; }
`;
document.head.appendChild(style);

let pending = false;
new MutationObserver(() => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    touch();
  });
}).observe(document.documentElement, { childList: true, subtree: true });

export default [];

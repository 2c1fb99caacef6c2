// Approvals: the pending ones with approve / reject (name and comment), and the audit trail of every decision.
import * as api from './api';
import { clear, h, time } from './dom';
import { host } from './host';
import { mayApprove, orderedApprovals } from './model';
import type { Approval, RunView } from './types';

const NAME_KEY = 'orchestra.approver';

export function approvalForm(run: number, a: Approval, onDone: () => void): HTMLElement {
  // a host that knows who is signed in (Jenkins) answers as them and checks them itself, groups included
  const user = host().user;
  const name = h('input', {
    type: 'text',
    name: 'by',
    placeholder: 'your name',
    value: user ?? localStorage.getItem(NAME_KEY) ?? '',
    readonly: user !== null,
    required: true,
    'aria-label': 'approver name',
  });
  const comment = h('input', { type: 'text', name: 'comment', placeholder: 'comment', 'aria-label': 'comment' });
  const message = h('p', { class: 'form-message', role: 'status' });
  const send = async (approve: boolean) => {
    const by = name.value.trim();
    if (!by) {
      message.textContent = 'Say who you are.';
      return;
    }
    if (user === null && !mayApprove(a, by)) {
      message.textContent = `Only ${a.approvers.join(', ')} may answer.`;
      return;
    }
    localStorage.setItem(NAME_KEY, by);
    message.textContent = 'Sending…';
    try {
      await api.answer(run, a.id, approve, by, comment.value);
      message.textContent = approve ? `Approved as ${by}.` : `Rejected as ${by}.`;
      onDone();
    } catch (e) {
      message.textContent = `Not sent: ${(e as Error).message}`;
    }
  };
  return h(
    'form',
    { class: 'approval-form', 'data-input': a.id, onsubmit: (e: Event) => e.preventDefault() },
    h('p', { class: 'question' }, a.message),
    h(
      'p',
      { class: 'who' },
      a.approvers.length ? `May approve: ${a.approvers.join(', ')}` : 'Anyone may approve',
      a.quorum > 1 ? ` (${a.quorum} needed, ${a.decisions.filter((d) => d.approved).length} so far)` : '',
    ),
    h('div', { class: 'row' }, name, comment),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'approve', onclick: () => void send(true) }, '✔ Approve'),
      h('button', { type: 'button', class: 'reject', onclick: () => void send(false) }, '✘ Reject'),
    ),
    message,
  );
}

export class ApprovalsView {
  readonly element = h('div', { class: 'approvals' });
  private rendered = '';

  constructor(private readonly run: number) {}

  update(view: RunView): void {
    const key = JSON.stringify(view.approvals);
    if (key === this.rendered) return;
    this.rendered = key;
    clear(this.element);
    if (view.approvals.length === 0) {
      this.element.append(h('p', { class: 'empty' }, 'This run has asked for no approval.'));
      return;
    }
    const names = new Map(view.stages.map((s) => [s.id, s.name]));
    for (const a of orderedApprovals(view.approvals)) {
      const card = h(
        'section',
        { class: `approval ${a.status.toLowerCase()}`, 'data-input': a.id },
        h(
          'h3',
          {},
          a.stage ? (names.get(a.stage) ?? a.id) : a.id,
          h('span', { class: `badge ap-${a.status.toLowerCase()}` }, a.status.toLowerCase().replace('_', ' ')),
        ),
        h('p', { class: 'asked' }, `Asked ${time(a.requestedAt)}: ${a.message}`),
      );
      if (a.status === 'PENDING' && view.status === 'RUNNING') card.append(approvalForm(this.run, a, () => {}));
      if (a.decisions.length) {
        card.append(
          h(
            'table',
            { class: 'data audit' },
            h('thead', {}, h('tr', {}, h('th', {}, 'who'), h('th', {}, 'decision'), h('th', {}, 'when'), h('th', {}, 'comment'))),
            h(
              'tbody',
              {},
              ...a.decisions.map((d) =>
                h(
                  'tr',
                  {},
                  h('td', {}, d.by),
                  h('td', { class: d.approved ? 'yes' : 'no' }, d.approved ? '✔ approved' : '✘ rejected'),
                  h('td', {}, time(d.at)),
                  h('td', {}, d.comment),
                ),
              ),
            ),
          ),
        );
      }
      this.element.append(card);
    }
  }
}

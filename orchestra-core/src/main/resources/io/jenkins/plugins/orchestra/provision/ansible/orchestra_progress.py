# Orchestra's progress callback for ansible-playbook. The json stdout callback prints its report only when the run
# ends, so this one prints a line per play, task and host result to stderr as they happen, the way the default
# callback words them, and the diffs of check and diff mode. Orchestra reads the results from the json report only.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = '''
    name: orchestra_progress
    type: aggregate
    short_description: live progress on stderr next to the json stdout callback
    description:
      - Prints plays, tasks and host results to stderr while the json callback keeps stdout for its report.
    requirements:
      - enabled with ANSIBLE_CALLBACKS_ENABLED=orchestra_progress
'''

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'orchestra_progress'
    CALLBACK_NEEDS_ENABLED = True

    def _line(self, text):
        self._display.display(text, stderr=True)

    def _result(self, status, result, detail=''):
        host = result._host.get_name()
        item = result._result.get('item') if isinstance(result._result, dict) else None
        shown = '%s: [%s]' % (status, host)
        if item is not None and not isinstance(item, (dict, list)):
            shown += ' => (item=%s)' % item
        if detail:
            shown += ' => %s' % detail
        self._line(shown)

    def v2_playbook_on_play_start(self, play):
        name = play.get_name().strip()
        self._line('PLAY [%s]' % name if name else 'PLAY')

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._line('TASK [%s]' % task.get_name().strip())

    def v2_playbook_on_handler_task_start(self, task):
        self._line('RUNNING HANDLER [%s]' % task.get_name().strip())

    def _loop_done(self, result):
        # a loop's own result follows the results of its items, which were shown already
        return result._task.loop and 'results' in result._result

    def v2_runner_on_ok(self, result):
        if not self._loop_done(result):
            self._result('changed' if result._result.get('changed', False) else 'ok', result)

    def v2_runner_item_on_ok(self, result):
        self._result('changed' if result._result.get('changed', False) else 'ok', result)

    def v2_runner_item_on_failed(self, result):
        message = result._result.get('msg', '') or result._result.get('stderr', '')
        self._result('failed', result, str(message).strip())

    def v2_runner_item_on_skipped(self, result):
        self._result('skipping', result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        message = result._result.get('msg', '') or result._result.get('stderr', '')
        self._result('fatal' if not ignore_errors else 'failed (ignored)', result, str(message).strip())

    def v2_runner_on_unreachable(self, result):
        self._result('unreachable', result, str(result._result.get('msg', '')).strip())

    def v2_runner_on_skipped(self, result):
        if not self._loop_done(result):
            self._result('skipping', result)

    def v2_playbook_on_no_hosts_matched(self):
        self._line('skipping: no hosts matched')

    def v2_on_file_diff(self, result):
        diffs = result._result.get('diff')
        if diffs:
            text = self._get_diff(diffs)
            if text:
                for line in text.rstrip('\n').split('\n'):
                    self._line(line)

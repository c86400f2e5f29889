"""Execute notebooks in place with nbclient, collecting output that arrives after the kernel reports idle.

The Deno kernel can publish a cell's last stdout/display messages just after its `idle` status;
nbclient stops listening at `idle` and would drop them. After each cell this client keeps reading
IOPub until it has been quiet for `--settle` seconds.

Usage: python3 execute.py [--kernel deno] [--timeout 900] [--settle 0.5] NOTEBOOK.ipynb ...
Exit status 1 when a cell raises (the notebook is still written, with the error output).
"""
import argparse
import os
import sys
from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError
from nbclient.util import ensure_async


class SettlingClient(NotebookClient):
    settle = 0.5

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=self.settle))
            except Empty:
                return
            if msg['parent_header'].get('msg_id') == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument('--kernel', default='deno')
    parser.add_argument('--timeout', type=int, default=900)
    parser.add_argument('--settle', type=float, default=0.5)
    parser.add_argument('notebooks', nargs='+')
    args = parser.parse_args()
    status = 0
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        client = SettlingClient(
            nb,
            kernel_name=args.kernel,
            timeout=args.timeout,
            iopub_timeout=max(4, int(args.settle * 4) + 4),
            record_timing=False,
            resources={'metadata': {'path': os.path.dirname(os.path.abspath(path))}},
        )
        client.settle = args.settle
        try:
            client.execute()
        except CellExecutionError as error:
            print(f'{path}: {error}', file=sys.stderr)
            status = 1
        nbformat.write(nb, path)
    return status


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env node
// The agent CLI (written by the SDK work of issue 22).

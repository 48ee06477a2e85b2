// @primal-pds/agent: the SDK's entry point (written by the SDK work of issue 22).
export {}

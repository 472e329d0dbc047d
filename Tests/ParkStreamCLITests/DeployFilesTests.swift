import Foundation
import Testing

/// `scripts/check-deploy.py` over `deploy/`: every `parkstream` command line in the compose file,
/// the Kubernetes manifests, the systemd unit and the Dockerfile uses subcommands and flags that
/// the built binary has, so deploy files cannot rot.
@Suite("deploy files", .serialized, .timeLimit(.minutes(6)))
struct DeployFilesTests {
    static let script = repositoryRoot.appendingPathComponent("scripts/check-deploy.py").path

    static func check(_ paths: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try ChildProcess.run(
            "/usr/bin/env", ["python3", script, "--parkstream", ChildProcess.parkstream.path] + paths)
    }

    @Test func everyParkstreamCommandLineInDeployIsKnownToTheBinary() throws {
        let result = try Self.check([repositoryRoot.appendingPathComponent("deploy").path])
        #expect(result.status == 0, "\(result.stderr)")
        // The compose file's topics, worker, simulator and alerts; the Deployment and the topics Job;
        // the systemd unit; the Dockerfile's default command.
        let counted = result.stdout.firstMatch(of: /(\d+) parkstream command line/).map { Int($0.1) ?? 0 } ?? 0
        #expect(counted >= 8, "\(result.stdout)")
    }

    @Test func unknownFlagsSubcommandsAndMissingRequiredOptionsFailNamingFileAndFlag() throws {
        let compose = try temporaryFile(
            "docker-compose.yml",
            """
            services:
              worker:
                image: parkstream:latest
                command: ["worker", "--rules", "/etc/rules.yaml", "--http-token", "/run/secrets/t"]
              topics:
                image: registry.example/parkstream:1
                command: topics delete --partitions 12
            """)
        let directory = URL(fileURLWithPath: compose).deletingLastPathComponent()
        try Data(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: w}
            spec:
              containers:
                - name: worker
                  image: registry.example/parkstream:1.0.0
                  args: [worker, --group=g, --print-alerts=yes]
            ---
            apiVersion: batch/v1
            kind: Job
            spec:
              template:
                spec:
                  containers:
                    - name: sh
                      image: debian:bookworm-slim
                      command: [sh, -c, "parkstream alerts --folow && echo done"]
            """.utf8
        ).write(to: directory.appendingPathComponent("k8s.yaml"))
        try Data(
            "[Service]\nExecStart=/usr/local/bin/parkstream worker \\\n    --rules r.yaml --htp 127.0.0.1:1\n".utf8
        )
        .write(to: directory.appendingPathComponent("w@.service"))
        try Data("FROM x\nENTRYPOINT [\"/usr/local/bin/parkstream\"]\nCMD [\"replay\", \"--inptu\", \"f\"]\n".utf8)
            .write(to: directory.appendingPathComponent("Dockerfile"))

        let result = try Self.check([directory.path])
        #expect(result.status == 1)
        for problem in [
            "docker-compose.yml services.worker.command: `parkstream worker` has no option `--http-token`",
            "docker-compose.yml services.topics.command: unknown subcommand `delete` of `parkstream topics`",
            "k8s.yaml (document 1) container worker.args: `parkstream worker` needs `--rules`",
            "k8s.yaml (document 1) container worker.args: `parkstream worker --print-alerts` is a flag",
            "k8s.yaml (document 2) spec.template.spec.containers[0].command[2]: `parkstream alerts` has no option `--folow`",
            "w@.service:2: `parkstream worker` has no option `--htp`",
            "Dockerfile:3: `parkstream replay` has no option `--inptu`",
        ] {
            #expect(result.stderr.contains(problem), "\(problem)\n\(result.stderr)")
        }
        #expect(result.stdout.contains("6 parkstream command line(s) in 4 file(s)"), "\(result.stdout)")
    }

    @Test func filesThatDoNotParseAndStaleRuleCopiesFail() throws {
        let broken = try temporaryFile("broken.yaml", "services:\n  worker: [unclosed\n")
        let directory = URL(fileURLWithPath: broken).deletingLastPathComponent()
        try Data(#"{"command": ["parkstream", "worker",]}"#.utf8).write(to: directory.appendingPathComponent("x.json"))
        try Data("kind: ConfigMap\ndata:\n  hebi-2017.yaml: \"rules: []\"\n".utf8)
            .write(to: directory.appendingPathComponent("rules.yaml"))
        let result = try Self.check([directory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.yaml: not valid YAML"), "\(result.stderr)")
        #expect(result.stderr.contains("x.json: not valid JSON"), "\(result.stderr)")
        #expect(result.stderr.contains("rules.yaml data.hebi-2017.yaml: differs from rules/hebi-2017.yaml"))
    }
}

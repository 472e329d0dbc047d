import KafkaClient

/// Polls until `count` messages arrived or `timeout` passed.
func drain(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(30)) throws -> [KafkaMessage] {
    var messages: [KafkaMessage] = []
    let deadline = ContinuousClock.now + timeout
    while messages.count < count, ContinuousClock.now < deadline {
        messages += try consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100))
    }
    return messages
}

/// Polls every consumer in turn until `done` holds or `timeout` passed; returns whether it held.
func pollAll(_ consumers: [KafkaConsumer], timeout: Duration = .seconds(40), until done: () throws -> Bool) throws
    -> Bool
{
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        for consumer in consumers { _ = try consumer.poll(timeout: .milliseconds(20)) }
        if try done() { return true }
    }
    return false
}
